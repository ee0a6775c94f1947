import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { matchesEtag } from './etag';

/** How long a browser or shared cache may reuse a successful GET query answer without asking again. */
export const GET_MAX_AGE_SECONDS = 60;

/** Headers and status for a complete GET answer: cacheable with an ETag when it has no errors. */
export interface GetCacheDecision {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** False for a 304: the browser's copy is current, so no body is sent. */
  readonly sendBody: boolean;
}

/**
 * The cache policy of GET queries (mutations are never run over GET): a 200 answer without errors is
 * `public, max-age=60` with a strong ETag of its body, and a request whose If-None-Match names that
 * ETag gets a 304 with no body. Answers with errors are `no-store`, so a transient failure is not kept.
 */
export function decideGetCaching(request: IncomingMessage, status: number, body: string): GetCacheDecision {
  if (status !== 200 || hasErrors(body)) return { status, headers: { 'cache-control': 'no-store' }, sendBody: true };
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { 'cache-control': `public, max-age=${GET_MAX_AGE_SECONDS}`, etag };
  if (matchesEtag(request.headers['if-none-match'], etag)) return { status: 304, headers, sendBody: false };
  return { status, headers, sendBody: true };
}

function hasErrors(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return parsed.errors !== undefined;
  } catch {
    return true;
  }
}
