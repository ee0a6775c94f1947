import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors';
import { loadArticleGraph, type ArticleGraph } from '../export/load-article-graph';
import { toProvJson } from '../export/to-prov';
import { toSchemaOrgClaims } from '../export/to-schema-org';
import { describeIdForm, isIdOf } from '../ids';
import { createRepositories } from '../repository/repositories';
import type { Store } from '../store/store';
import { sendRequestError } from './send';

/** Where article exports live: `/export/articles/<url-encoded article id>/<format file>`. */
export const ARTICLE_EXPORT_PATH = '/export/articles/';

interface ExportFormat {
  readonly contentType: string;
  readonly render: (graph: ArticleGraph) => unknown;
}

/** The export formats by file name. PROV-JSON is plain JSON; the schema.org document is JSON-LD. */
const FORMATS: ReadonlyMap<string, ExportFormat> = new Map([
  ['prov.json', { contentType: 'application/json; charset=utf-8', render: toProvJson }],
  ['claims.jsonld', { contentType: 'application/ld+json; charset=utf-8', render: toSchemaOrgClaims }],
]);

/** Serves an export when the request is for one; false leaves the request to the other routes. */
export type ExportHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

/**
 * `GET /export/articles/<id>/prov.json` and `.../claims.jsonld`. The id is one path segment, so
 * its slash is sent as %2F; an unencoded slash is accepted too, since the format is always the
 * last segment. 400 for a malformed id, 404 for an unknown article; a store failure propagates
 * to the router, which logs it and answers 500.
 */
export function createExportHandler(store: Store): ExportHandler {
  return async (request, response, url) => {
    if (!url.pathname.startsWith(ARTICLE_EXPORT_PATH)) return false;
    const rest = url.pathname.slice(ARTICLE_EXPORT_PATH.length);
    const lastSlash = rest.lastIndexOf('/');
    const format = FORMATS.get(rest.slice(lastSlash + 1));
    if (lastSlash <= 0 || !format) return false;

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendRequestError(response, 405, `Method ${request.method} is not allowed on an export; use GET`, 'METHOD_NOT_ALLOWED');
      return true;
    }
    const id = decodeSegment(rest.slice(0, lastSlash));
    if (id === null || !isIdOf('article', id)) {
      const received = id === null ? rest.slice(0, lastSlash) : id;
      sendRequestError(response, 400, `Invalid article id ${JSON.stringify(received)}: expected ${describeIdForm('article')}, URL-encoded`, ErrorCode.BadUserInput);
      return true;
    }
    // A fresh set of repositories per request, as the GraphQL context does: nothing is cached across requests.
    const graph = await loadArticleGraph(createRepositories(store), id);
    if (!graph) {
      sendRequestError(response, 404, `No article with id ${JSON.stringify(id)}`, 'NOT_FOUND');
      return true;
    }
    const body = JSON.stringify(format.render(graph));
    response.writeHead(200, { 'content-type': format.contentType, 'content-length': Buffer.byteLength(body) });
    response.end(body);
    return true;
  };
}

/** The decoded path segment, or null when its percent-encoding is broken. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
