// Functions passed to page.evaluate run in the browser, so this file also sees the DOM's types.
/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Request } from 'playwright-core';

/** Debian's Chromium, installed by .ci/run (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the browser tests write their screenshots (README: "Screenshots"). */
export const SCREENSHOT_DIRECTORY = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * Flags that keep Chromium off the network: no background requests, no component or field-trial
 * updates, no sync, no QUIC. --no-sandbox because CI runs as root.
 */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };
export const PHONE_VIEWPORT = { width: 375, height: 812 };

/** A headless Chromium on a fresh profile; `close` also removes the profile. */
export interface TestBrowser {
  /** The browser's one context: open pages with `context.newPage()`. */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Debian's Chromium headless, failing with what to install when it is missing. */
export async function launchChromium(): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, viewport: DESKTOP_VIEWPORT });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did: every request it made and every console error or uncaught exception. */
export interface PageLog {
  readonly requests: Request[];
  readonly errors: string[];
}

/** Records a page's requests and errors from now on. */
export function watchPage(page: Page): PageLog {
  const log: PageLog = { requests: [], errors: [] };
  page.on('request', (request) => log.requests.push(request));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') log.errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => log.errors.push(error.message));
  return log;
}

/** Requests that went anywhere but 127.0.0.1 (data: and blob: URLs stay in the page). */
export function requestsLeavingLoopback(log: PageLog): string[] {
  return log.requests
    .map((request) => new URL(request.url()))
    .filter((url) => (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '127.0.0.1')
    .map((url) => url.href);
}

/** The page's GraphQL requests (to `/graphql`, any method). */
export function graphqlRequests(log: PageLog): Request[] {
  return log.requests.filter((request) => new URL(request.url()).pathname === '/graphql');
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** Runs axe-core in the page and returns its serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's script-src 'self' policy stays as it is.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target })) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
