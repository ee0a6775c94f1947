/**
 * Follows `next` from each start and returns every cycle found, each once, as the ids along
 * it with the first repeated at the end (`a -> b -> a`). Iterative, so long chains cannot
 * overflow the stack.
 */
export function findCycles(starts: Iterable<string>, next: (id: string) => readonly string[]): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of starts) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    const pending: Array<{ id: string; children: readonly string[]; next: number }> = [];
    const enter = (id: string): void => {
      onPath.set(id, path.length);
      path.push(id);
      pending.push({ id, children: next(id), next: 0 });
    };
    enter(start);
    while (pending.length > 0) {
      const top = pending[pending.length - 1] as { id: string; children: readonly string[]; next: number };
      if (top.next < top.children.length) {
        const child = top.children[top.next] as string;
        top.next += 1;
        if (done.has(child)) continue;
        const at = onPath.get(child);
        if (at !== undefined) cycles.push([...path.slice(at), child]);
        else enter(child);
      } else {
        pending.pop();
        path.pop();
        onPath.delete(top.id);
        done.add(top.id);
      }
    }
  }
  return cycles;
}
