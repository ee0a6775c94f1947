/** One page of a list as resolvers produce it; the connection resolvers shape it for clients. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /** Opaque cursor of an item of this page. */
  readonly cursorOf: (item: T) => string;
  /** Size of the whole list; called only when a client asks for `totalCount`. */
  readonly totalCount: () => Promise<number>;
}

/** An item of a page with its cursor. */
export interface PageEdge<T> {
  readonly cursor: string;
  readonly node: T;
}
