/**
 * Edit distance (insertions, deletions, substitutions) between two strings, or `limit + 1` as
 * soon as it is sure to exceed `limit`: most candidates are rejected after a row or two.
 */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate nearest to `id` by edit distance, if it is near enough to be a likely typo:
 * within a third of the slug's length (at least 1, at most 6 edits). Ties go to the first found.
 */
export function closestId(id: string, candidates: Iterable<string>): string | undefined {
  const slug = id.slice(id.indexOf('/') + 1);
  let limit = Math.min(6, Math.max(1, Math.floor(slug.length / 3)));
  let best: string | undefined;
  for (const candidate of candidates) {
    if (candidate === id) continue;
    const distance = boundedDistance(id, candidate, limit);
    if (distance <= limit) {
      best = candidate;
      // Only a nearer candidate can replace this one.
      limit = distance - 1;
      if (limit < 0) break;
    }
  }
  return best;
}
