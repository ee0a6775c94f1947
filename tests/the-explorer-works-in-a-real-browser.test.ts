// Functions passed to page.evaluate run in the browser, so this file also sees the DOM's types.
/// <reference lib="dom" />
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createGateway, type Gateway } from '../src/server';
import type { StatementDocument } from '../src/statement/statement.model';
import type { Store } from '../src/store/store';
import { graphqlRequests, launchChromium, PHONE_VIEWPORT, requestsLeavingLoopback, SCREENSHOT_DIRECTORY, seriousAccessibilityViolations, watchPage, type PageLog, type TestBrowser } from './support/browser';
import { loadSeed, SEED_ARTICLE_ID } from './support/gateway';
import { disposeStore, testEngines } from './support/stores';

const ARTICLE_PATH = `/explore/articles/${SEED_ARTICLE_ID.slice('article/'.length)}`;

// A browser on a two-core machine shared with other work: generous limits, one browser for the file.
jest.setTimeout(120_000);

let chromium: TestBrowser;
beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});

/** A page of another origin (a newsroom tool, a dev server) on its own loopback port. */
async function startOtherOrigin(): Promise<{ origin: string; server: http.Server }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><title>Another origin</title><p>A page on another port.</p></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closeServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  // The browser keeps idle connections open; they would hold close() until they time out.
  server.closeAllConnections();
  return closed;
}

describe.each(testEngines())('the explorer on the $name store', (engine) => {
  let store: Store;
  let gateway: Gateway;
  let base: string;
  let allowed: { origin: string; server: http.Server };
  let refused: { origin: string; server: http.Server };
  let page: Page;
  let log: PageLog;
  let statements: StatementDocument[];

  beforeAll(async () => {
    store = await engine.open();
    await loadSeed(store);
    statements = await store.find('statements', { articleId: SEED_ARTICLE_ID }, { sort: { position: 1 } });
    allowed = await startOtherOrigin();
    refused = await startOtherOrigin();
    gateway = await createGateway({
      store,
      config: { exposeStoreStats: false, development: false, cors: { origins: [allowed.origin], allowLocalhost: false, credentials: false } },
      log: () => undefined,
    });
    await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}`;
    page = await chromium.context.newPage();
    log = watchPage(page);
    await page.goto(`${base}${ARTICLE_PATH}`);
    await page.locator('mark[data-statement-id]').first().waitFor();
  });

  afterAll(async () => {
    await page?.close();
    await gateway?.stop();
    await Promise.all([allowed, refused].filter(Boolean).map(({ server }) => closeServer(server)));
    if (store) await disposeStore(store);
  });

  it('highlights every evidence span of the seed article, one statement each, with the stored text', async () => {
    const marks = await page.locator('mark[data-statement-id]').evaluateAll((elements) => elements.map((element) => ({ id: element.getAttribute('data-statement-id'), text: element.textContent })));
    const stored = statements.flatMap((statement) => statement.evidence.map((span) => ({ id: statement._id, text: span.text })));
    expect(statements.length).toBeGreaterThan(10);
    expect(new Set(marks.map((mark) => mark.id)).size).toBe(statements.length);
    expect(marks).toHaveLength(stored.length);
    expect(marks).toEqual(stored);
  });

  it("shows each statement's speakers, with their affiliations, and the reports it travelled through", async () => {
    for (const statement of statements) {
      const branch = page.locator(`[data-branch-id="${statement._id}"]`);
      const speakerIds = await branch.locator('[data-actor-id]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-actor-id')));
      expect(speakerIds.sort()).toEqual([...statement.speakerIds].sort());
      const reportIds = await branch.locator('[data-report-id]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-report-id')));
      if (statement.viaId === null) {
        expect(reportIds).toEqual([]);
        continue;
      }
      // The first hop is the report the article got the claim through; each next one is relayed by the one before.
      expect(reportIds[0]).toBe(statement.viaId);
      for (let index = 1; index < reportIds.length; index += 1) {
        const [previous] = await store.find('reports', { _id: reportIds[index - 1] });
        expect(previous?.relayIds).toContain(reportIds[index]);
      }
    }
    const telegram = page.locator('[data-branch-id="statement/nk-troops-telegram-flags-photo"]');
    await expect(telegram.locator('[data-report-id]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-report-id')))).resolves.toEqual([
      'report/yonhap-north-korea-troops',
      'report/telegram-flags-photo-post',
    ]);
    const affiliations = await page.locator('[data-branch-id] [data-affiliation-id]').count();
    expect(affiliations).toBeGreaterThan(0);
  });

  it('selects the branch of a clicked highlight, and highlights the text of a selected branch, by mouse and keyboard', async () => {
    const pressedBranches = () => page.locator('.tree [data-statement-id][aria-pressed="true"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-statement-id')));
    const pressedMarks = () => page.locator('mark[aria-pressed="true"]').evaluateAll((elements) => [...new Set(elements.map((element) => element.getAttribute('data-statement-id')))]);
    const [first, second, third, fourth] = statements;
    if (!first || !second || !third || !fourth) throw new Error('The seed article has at least four statements');

    await page.locator(`mark[data-statement-id="${second._id}"]`).first().click();
    expect(await pressedBranches()).toEqual([second._id]);
    expect(await pressedMarks()).toEqual([second._id]);

    await page.locator(`.tree [data-statement-id="${third._id}"]`).click();
    expect(await pressedMarks()).toEqual([third._id]);
    expect(await pressedBranches()).toEqual([third._id]);

    await page.locator(`mark[data-statement-id="${first._id}"]`).first().focus();
    await page.keyboard.press('Enter');
    expect(await pressedBranches()).toEqual([first._id]);

    await page.locator(`.tree [data-statement-id="${fourth._id}"]`).focus();
    await page.keyboard.press('Space');
    expect(await pressedMarks()).toEqual([fourth._id]);
  });

  it('makes exactly one GraphQL request for the article view, nothing beyond 127.0.0.1, and logs no console error', () => {
    const requests = graphqlRequests(log);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method()).toBe('GET');
    expect(new URL(requests[0]?.url() ?? '').searchParams.get('query')).toBeNull();
    expect(requestsLeavingLoopback(log)).toEqual([]);
    expect(log.errors).toEqual([]);
  });

  it('passes axe-core with no serious or critical violation', async () => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('renders at phone width without horizontal scrolling, and writes desktop and phone screenshots', async () => {
    fs.mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
    const [first] = statements;
    await page.locator(`mark[data-statement-id="${first?._id}"]`).first().click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOT_DIRECTORY, `explorer-desktop-${engine.name}.png`) });

    const phone = await chromium.context.newPage();
    await phone.setViewportSize(PHONE_VIEWPORT);
    const phoneLog = watchPage(phone);
    await phone.goto(`${base}${ARTICLE_PATH}`);
    await phone.locator('mark[data-statement-id]').first().waitFor();
    const widths = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.viewport).toBe(PHONE_VIEWPORT.width);
    expect(widths.scroll).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    expect(await seriousAccessibilityViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOT_DIRECTORY, `explorer-phone-${engine.name}.png`) });
    expect(phoneLog.errors).toEqual([]);
    await phone.close();
    expect(fs.statSync(path.join(SCREENSHOT_DIRECTORY, `explorer-desktop-${engine.name}.png`)).size).toBeGreaterThan(10_000);
  });

  it('lists and searches articles, and opens an actor and a report from the tree', async () => {
    const list = await chromium.context.newPage();
    const listLog = watchPage(list);
    await list.goto(`${base}/explore`);
    await list.getByRole('link', { name: /North Korea/ }).first().waitFor();
    await list.getByLabel('Search articles').fill('troops');
    await list.getByRole('button', { name: 'Search' }).click();
    await list.waitForURL(/\/explore\?q=troops$/);
    await list.getByRole('link', { name: /North Korea/ }).first().click();
    await list.waitForURL(`${base}${ARTICLE_PATH}`);
    await list.locator('[data-actor-id="actor/robert-wood"]').first().click();
    await list.getByRole('heading', { level: 1, name: 'Robert Wood' }).waitFor();
    const woodSaid = statements.filter((statement) => statement.speakerIds.includes('actor/robert-wood')).length;
    expect(await list.locator('.statement-list > li').count()).toBe(woodSaid);
    await list.goBack();
    await list.locator('[data-report-id="report/yonhap-north-korea-troops"]').first().click();
    await list.getByRole('heading', { level: 2, name: /Statements that came through it/ }).waitFor();
    const throughYonhap = statements.filter((statement) => statement.viaId === 'report/yonhap-north-korea-troops').length;
    expect(await list.locator('.statement-list > li').count()).toBe(throughYonhap);
    expect(await seriousAccessibilityViolations(list)).toEqual([]);
    expect(requestsLeavingLoopback(listLog)).toEqual([]);
    expect(listLog.errors).toEqual([]);
    await list.close();
  });

  it('answers a page of an allowed origin and refuses one of any other origin', async () => {
    const other = await chromium.context.newPage();
    const ask = (gatewayUrl: string) =>
      other.evaluate(async (url) => {
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ about { name } }' }) });
          return { ok: true, body: (await response.json()) as unknown };
        } catch (error) {
          return { ok: false, body: String(error) };
        }
      }, gatewayUrl);
    await other.goto(allowed.origin);
    expect(await ask(`${base}/graphql`)).toEqual({ ok: true, body: { data: { about: { name: 'attribution-gateway' } } } });
    await other.goto(refused.origin);
    const refusal = await ask(`${base}/graphql`);
    expect(refusal.ok).toBe(false);
    expect(refusal.body).toMatch(/Failed to fetch/);
    await other.close();
  });

  it('opens GraphiQL with the operation files as tabs and runs one, with no request beyond 127.0.0.1', async () => {
    const graphiql = await chromium.context.newPage();
    const graphiqlLog = watchPage(graphiql);
    await graphiql.goto(`${base}/graphql`);
    await graphiql.locator('.graphiql-tab').first().waitFor();
    const operationFiles = fs.readdirSync(path.join(__dirname, '..', 'web', 'src', 'operations')).filter((name) => name.endsWith('.graphql'));
    expect(await graphiql.locator('.graphiql-tab').count()).toBe(operationFiles.length + 1);
    await graphiql.locator('.graphiql-execute-button').click();
    await graphiql.locator('.result-window', { hasText: 'North Korea' }).waitFor();
    expect(requestsLeavingLoopback(graphiqlLog)).toEqual([]);
    expect(graphiqlLog.errors).toEqual([]);
    await graphiql.close();
  });
});
