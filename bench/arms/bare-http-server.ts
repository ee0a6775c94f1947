import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, specifiedRules, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { GatewayContext } from '../../src/context';

/** A server listening on loopback, and how to stop it. */
export interface ListeningServer {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

/** Distinct documents kept parsed and validated, as Apollo's document store does; more are parsed each time. */
const DOCUMENT_CACHE_SIZE = 64;
const BODY_LIMIT_BYTES = 1024 * 1024;

interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    received += (chunk as Buffer).length;
    if (received > BODY_LIMIT_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The floor for HTTP: `node:http` and graphql-js over the gateway's schema, resolvers and
 * context factory, with nothing else (no Apollo, no plugins, no error masking). POST only.
 */
export async function startBareGraphqlServer(schema: GraphQLSchema, contextFor: () => GatewayContext, rules: readonly ValidationRule[]): Promise<ListeningServer> {
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const documentFor = (query: string): DocumentNode | readonly GraphQLError[] => {
    const cached = documents.get(query);
    if (cached) return cached;
    let outcome: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(query);
      const errors = validate(schema, document, [...specifiedRules, ...rules]);
      outcome = errors.length > 0 ? errors : document;
    } catch (error) {
      outcome = [error as GraphQLError];
    }
    if (documents.size < DOCUMENT_CACHE_SIZE) documents.set(query, outcome);
    return outcome;
  };

  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/graphql') return send(response, 404, { errors: [{ message: 'POST /graphql only' }] });
    readBody(request)
      .then(async (text) => {
        const body = JSON.parse(text) as GraphqlRequestBody;
        if (typeof body.query !== 'string') return send(response, 400, { errors: [{ message: 'query must be a string' }] });
        const document = documentFor(body.query);
        if (Array.isArray(document)) return send(response, 400, { errors: document.map((error: GraphQLError) => ({ message: error.message })) });
        const result = await execute({
          schema,
          document: document as DocumentNode,
          variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
          operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
          contextValue: contextFor(),
        });
        send(response, 200, result.errors ? { data: result.data, errors: result.errors.map((error) => error.toJSON()) } : { data: result.data });
      })
      .catch((error: unknown) => send(response, 400, { errors: [{ message: String(error) }] }));
  });
  return listenOnLoopback(server, '/graphql');
}

/** Listens on a free port of 127.0.0.1; the URL ends in `path`. */
export async function listenOnLoopback(server: http.Server, path: string): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
