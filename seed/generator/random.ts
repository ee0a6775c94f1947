/**
 * A small seeded PRNG (sfc32), so a corpus is a pure function of its options: no Math.random, no
 * clock. Streams are keyed by several integers (seed, purpose, article number) so each article
 * draws from its own stream and does not depend on how many numbers its neighbours consumed.
 */

/** Uniform draws and the few distributions the generator needs. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element of a non-empty list, favouring the front (popular actors get quoted more). */
  pickSkewed<T>(items: readonly T[]): T;
  /** `count` distinct elements of a list (fewer if the list is shorter), in draw order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** murmur3's finaliser: spreads every input bit over the word. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One 32-bit state word from the keys and a lane number. */
function seedWord(keys: readonly number[], lane: number): number {
  let h = mix32(0x9e3779b9 ^ lane);
  for (const key of keys) h = mix32(h ^ mix32((key >>> 0) + Math.floor(key / 0x100000000)) ^ Math.imul(lane + 1, 0x27d4eb2f));
  return h;
}

/** A stream determined entirely by `keys` (non-negative integers). */
export function createRandom(...keys: number[]): Random {
  let a = seedWord(keys, 0);
  let b = seedWord(keys, 1);
  let c = seedWord(keys, 2);
  let d = seedWord(keys, 3);
  const sfc32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 0x100000000;
  };
  // The first outputs of a freshly keyed sfc32 are still correlated with the key.
  for (let i = 0; i < 12; i += 1) sfc32();

  const at = <T>(items: readonly T[], index: number): T => {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[index] as T;
  };
  return {
    next: sfc32,
    int: (min, max) => min + Math.floor(sfc32() * (max - min + 1)),
    chance: (p) => sfc32() < p,
    pick: (items) => at(items, Math.floor(sfc32() * items.length)),
    pickSkewed: (items) => at(items, Math.floor(sfc32() ** 2 * items.length)),
    sample: (items, count) => {
      const chosen = new Set<number>();
      const wanted = Math.min(count, items.length);
      while (chosen.size < wanted) chosen.add(Math.floor(sfc32() * items.length));
      return [...chosen].map((index) => at(items, index));
    },
  };
}

/** A weighted choice, prepared once: `[value, weight]` pairs, weights need not sum to 1. */
export function weighted<T>(choices: ReadonlyArray<readonly [T, number]>): (random: Random) => T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const [, weight] of choices) cumulative.push((running += weight / total));
  return (random) => {
    const draw = random.next();
    const index = cumulative.findIndex((bound) => draw < bound);
    const choice = choices[index === -1 ? choices.length - 1 : index];
    if (!choice) throw new Error('weighted() needs at least one choice');
    return choice[0];
  };
}
