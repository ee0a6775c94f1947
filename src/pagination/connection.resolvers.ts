import type { Page, PageEdge } from './page';

/** Field resolvers shared by every `<Thing>Connection` type: edges, nodes, pageInfo, totalCount. */
export function connectionResolvers<T>() {
  return {
    edges: (page: Page<T>): PageEdge<T>[] => page.items.map((node) => ({ cursor: page.cursorOf(node), node })),
    nodes: (page: Page<T>): T[] => [...page.items],
    pageInfo: (page: Page<T>) => {
      const first = page.items[0];
      const last = page.items[page.items.length - 1];
      return {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: first === undefined ? null : page.cursorOf(first),
        endCursor: last === undefined ? null : page.cursorOf(last),
      };
    },
    totalCount: (page: Page<T>): Promise<number> => page.totalCount(),
  };
}
