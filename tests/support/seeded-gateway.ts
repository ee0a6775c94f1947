import type { Store } from '../../src/store/store';
import { loadSeed, startGateway, type RunningGateway } from './gateway';
import { disposeStore, type TestEngine } from './stores';

/** The store and gateway of a test file, live once its beforeAll hook has run. */
export interface SeededGateway {
  readonly store: Store;
  readonly gateway: RunningGateway;
}

/**
 * Registers the hooks every data test file needs: open a fresh store of `engine`, load the seed
 * (and whatever `prepare` adds), start the HTTP gateway; stop and empty it all afterwards.
 */
export function useSeededGateway(engine: TestEngine, prepare?: (store: Store) => Promise<void>): SeededGateway {
  const state: { store?: Store; gateway?: RunningGateway } = {};
  beforeAll(async () => {
    state.store = await engine.open();
    await loadSeed(state.store);
    await prepare?.(state.store);
    state.gateway = await startGateway(state.store);
  });
  afterAll(async () => {
    await state.gateway?.close();
    if (state.store) await disposeStore(state.store);
  });
  return {
    get store() {
      if (!state.store) throw new Error('The store is opened in beforeAll');
      return state.store;
    },
    get gateway() {
      if (!state.gateway) throw new Error('The gateway is started in beforeAll');
      return state.gateway;
    },
  };
}
