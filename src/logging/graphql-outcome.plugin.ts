import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { currentRequest } from './request-scope';

/**
 * Records, on the HTTP request being served, what its GraphQL layer did: the operation's name,
 * the store round trips it cost and the codes of the errors it answers with. The request's log
 * line and metrics are written from that record once the response is sent.
 */
export function graphqlOutcomePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operationName }) {
          const request = currentRequest();
          if (!request) return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          request.graphql = {
            operationName: operationName ?? null,
            // The context is absent when the request failed before execution (a parse error).
            storeRoundTrips: contextValue?.roundTrips?.count ?? 0,
            errorCodes: errors.map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN')),
          };
        },
      };
    },
  };
}
