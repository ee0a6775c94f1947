import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import { decideGetCaching } from './get-cache';
import { resolvePersistedGet, resolvePersistedPost, type PersistedDocuments } from './persisted-documents';
import { parseBody, readBody } from './read-body';

/**
 * Runs one HTTP request through Apollo Server on plain `node:http`: the same work an Apollo
 * integration package does, without a web framework in the path.
 */
export function createGraphqlHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: ContextFunction<[], TContext>,
  bodyLimitBytes: number,
  persisted: PersistedDocuments = new Map(),
) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = request.method === 'POST' ? resolvePersistedPost(persisted, parseBody(await readBody(request, bodyLimitBytes), request.headers['content-type'])) : undefined;
    const search = request.method === 'GET' ? resolvePersistedGet(persisted, url.search) : url.search;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body },
      context,
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      if (request.method !== 'GET') {
        response.end(result.body.string);
        return;
      }
      const caching = decideGetCaching(request, response.statusCode, result.body.string);
      for (const [name, value] of Object.entries(caching.headers)) response.setHeader(name, value);
      response.statusCode = caching.status;
      response.end(caching.sendBody ? result.body.string : undefined);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
}
