import type { CollectionName } from '../../src/store/collections';
import type { Store } from '../../src/store/store';
import { wrapStore } from '../../src/store/store-wrapper';

/** One store call as seen below the request's context: its collection and the wave it started in. */
export interface RecordedCall {
  /** `corpus` for a corpus-wide summary, which reads several collections at once. */
  collection: CollectionName | 'corpus' | 'ping';
  wave: number;
}

/**
 * Wraps a store to record which collection each call reads and in which "wave" it starts: calls
 * started in the same turn of the event loop are one wave. The batch scheduler dispatches a whole
 * query level in one turn, so waves are levels, and "one call per collection per level" reads as
 * "no collection twice in a wave". Only meaningful for one request at a time.
 */
export function recordCallWaves(store: Store): { store: Store; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  let wave = 0;
  let waveOpen = false;
  const note = (collection: RecordedCall['collection']): void => {
    if (!waveOpen) {
      wave += 1;
      waveOpen = true;
      setImmediate(() => {
        waveOpen = false;
      });
    }
    calls.push({ collection, wave });
  };
  return {
    calls,
    store: wrapStore(store, {
      read(_name, collection, call, limits) {
        note(collection);
        return call(limits);
      },
      write(name, collection, call) {
        note(name === 'ping' ? 'ping' : (collection as CollectionName));
        return call();
      },
    }),
  };
}

/** How the recorded calls spread over waves and collections. */
export interface WaveSummary {
  waves: number;
  /** The most calls one collection got within one wave (1 = perfectly batched). */
  maxCallsPerCollectionPerWave: number;
  /** The collections each wave called, in order, e.g. "articles → actors+statements → ...". */
  shape: string;
}

export function summarizeWaves(calls: readonly RecordedCall[]): WaveSummary {
  const byWave = new Map<number, Map<string, number>>();
  for (const call of calls) {
    const counts = byWave.get(call.wave) ?? new Map<string, number>();
    counts.set(call.collection, (counts.get(call.collection) ?? 0) + 1);
    byWave.set(call.wave, counts);
  }
  let max = 0;
  const parts: string[] = [];
  for (const counts of byWave.values()) {
    for (const count of counts.values()) max = Math.max(max, count);
    parts.push([...counts].map(([collection, count]) => (count > 1 ? `${collection}×${count}` : collection)).join('+'));
  }
  return { waves: byWave.size, maxCallsPerCollectionPerWave: max, shape: parts.join(' → ') };
}
