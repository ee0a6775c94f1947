/**
 * How one field of a GraphQL filter input matches stored documents: the facts the filter
 * builders (`src/<domain>/<domain>.query.ts`) and the index plan both read, so a filter and the
 * index that serves it cannot drift apart.
 */
export type FilterMatch =
  /** The stored field equals one value, or one of a list (`$in`); an array field holds one. */
  | { readonly match: 'equality'; readonly field: string }
  /** The stored field lies in a range (from inclusive, to exclusive). */
  | { readonly match: 'range'; readonly field: string }
  /** A text match that no ordered index can bound: checked on the entries an index yields in order. */
  | { readonly match: 'residual'; readonly fields: readonly string[] };

/** Every field of a filter input type `F`, each with how it matches: a missing or extra field is a type error. */
export type FilterFields<F> = { readonly [K in keyof Required<F>]: FilterMatch };

/** An equality match on `field`. */
export function equality<const Field extends string>(field: Field): { readonly match: 'equality'; readonly field: Field } {
  return { match: 'equality', field };
}

/** A range match on `field`. */
export function range<const Field extends string>(field: Field): { readonly match: 'range'; readonly field: Field } {
  return { match: 'range', field };
}

/** A residual text match on any of `fields`. */
export function residual<const Fields extends readonly string[]>(...fields: Fields): { readonly match: 'residual'; readonly fields: Fields } {
  return { match: 'residual', fields };
}
