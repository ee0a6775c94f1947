import { useEffect, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { runQuery } from './graphql-client';

/** The state of one query: loading, its data, or the error to show. */
export type QueryState<TResult> = { readonly status: 'loading' } | { readonly status: 'done'; readonly data: TResult } | { readonly status: 'failed'; readonly message: string };

/**
 * Runs `document` whenever `key` (the variables as JSON) changes; an answer to an earlier key is
 * dropped, and the request is aborted when the view goes away.
 */
export function useQuery<TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): QueryState<TResult> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<TResult>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    runQuery(document, JSON.parse(key) as TVariables, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [document, key]);
  return state;
}
