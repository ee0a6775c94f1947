import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import persistedDocuments from './__generated__/persisted-documents.json';

/** The gateway's GraphQL endpoint: the explorer is served by the gateway, so it is the same origin. */
const ENDPOINT = '/graphql';

/** A GraphQL answer with errors, or an HTTP failure: the message is meant for the reader. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

interface GraphqlResponse<TResult> {
  data?: TResult | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const queryTextByHash: Readonly<Record<string, string>> = persistedDocuments;

/**
 * Runs a query generated from web/src/operations by its persisted hash, as one cacheable GET
 * (the gateway knows the explorer's documents by hash). A gateway that does not know the hash
 * answers PERSISTED_QUERY_NOT_FOUND; the text is then sent once with the hash, as Apollo's
 * automatic persisted queries expect.
 */
export async function runQuery<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  const { hash, operationName } = describe(document);
  const extensions = { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } };
  const parameters = new URLSearchParams({ operationName, variables: JSON.stringify(variables), extensions: JSON.stringify(extensions) });
  const headers = { accept: 'application/json', 'x-apollo-operation-name': operationName };
  let body = await send<TResult>(fetch(`${ENDPOINT}?${parameters.toString()}`, { headers, signal }));
  if (body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    const query = queryTextByHash[hash];
    if (query === undefined) throw new GraphqlRequestError(`The explorer has no text for ${operationName}; rebuild it`, undefined);
    const request = { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ operationName, query, variables, extensions }), signal };
    body = await send<TResult>(fetch(ENDPOINT, request));
  }
  if (body.errors !== undefined && body.errors.length > 0) {
    const [first] = body.errors;
    throw new GraphqlRequestError(first?.message ?? 'The gateway answered with an error', first?.extensions?.code);
  }
  if (body.data === undefined || body.data === null) throw new GraphqlRequestError('The gateway answered without data', undefined);
  return body.data;
}

async function send<TResult>(pending: Promise<Response>): Promise<GraphqlResponse<TResult>> {
  const response = await pending;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new GraphqlRequestError(`The gateway answered ${response.status} ${response.statusText}`, undefined);
  return (await response.json()) as GraphqlResponse<TResult>;
}

function describe(document: TypedDocumentNode<unknown, never>): { hash: string; operationName: string } {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  const definition = document.definitions[0];
  const operationName = definition?.kind === 'OperationDefinition' ? definition.name?.value : undefined;
  if (typeof hash !== 'string' || operationName === undefined) throw new Error('Documents must come from web/src/__generated__ (named, with a persisted hash)');
  return { hash, operationName };
}
