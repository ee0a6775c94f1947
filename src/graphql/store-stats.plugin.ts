import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';

/** Adds `extensions.storeRoundTrips` (store calls made for the request) to every response. */
export function storeStatsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, storeRoundTrips: contextValue.roundTrips.count };
        },
      };
    },
  };
}
