import { COLLECTION_NAMES } from '../../src/store/collections';
import type { Store } from '../../src/store/store';
import type { CorpusSummary } from '../../seed/generator';

/** Whether the store holds exactly as many documents per collection as the corpus has. */
export async function holdsCorpus(store: Store, summary: CorpusSummary): Promise<boolean> {
  for (const collection of COLLECTION_NAMES) {
    if ((await store.count(collection, {})) !== summary[collection]) return false;
  }
  return true;
}
