/** The explorer's client-side routes, all answered by the gateway with the same page. */
export type Route =
  | { readonly name: 'articles'; readonly search: string }
  | { readonly name: 'article'; readonly id: string }
  | { readonly name: 'actor'; readonly id: string }
  | { readonly name: 'report'; readonly id: string }
  | { readonly name: 'not-found'; readonly path: string };

export const EXPLORER_BASE = '/explore';

/** URL path segment per kind of record; a record id is `<kind>/<slug>` (`actor/robert-wood`). */
const SEGMENTS = { article: 'articles', actor: 'actors', report: 'reports' } as const;
type RecordKind = keyof typeof SEGMENTS;

/** Reads a route from the address: `/explore`, `/explore/articles/<slug>`, `/explore/actors/<slug>`, `/explore/reports/<slug>`. */
export function parseRoute(pathname: string, search: string): Route {
  const rest = pathname.replace(/\/+$/, '');
  if (rest === EXPLORER_BASE || rest === '') return { name: 'articles', search: new URLSearchParams(search).get('q') ?? '' };
  const match = /^\/explore\/(articles|actors|reports)\/([^/]+)$/.exec(rest);
  if (match === null) return { name: 'not-found', path: pathname };
  const kind = (Object.keys(SEGMENTS) as RecordKind[]).find((key) => SEGMENTS[key] === match[1]);
  const slug = decodeURIComponent(match[2] ?? '');
  if (kind === undefined) return { name: 'not-found', path: pathname };
  // Both `/explore/actors/robert-wood` and the full id `/explore/actors/actor%2Frobert-wood` are accepted.
  const id = slug.startsWith(`${kind}/`) ? slug : `${kind}/${slug}`;
  return { name: kind, id };
}

/** The explorer address of a record, by its id (`actor/robert-wood` -> `/explore/actors/robert-wood`). */
export function hrefFor(kind: RecordKind, id: string): string {
  const slug = id.startsWith(`${kind}/`) ? id.slice(kind.length + 1) : id;
  return `${EXPLORER_BASE}/${SEGMENTS[kind]}/${encodeURIComponent(slug)}`;
}

/** The address of the article list, with a search when one is given. */
export function listHref(search: string): string {
  return search === '' ? EXPLORER_BASE : `${EXPLORER_BASE}?${new URLSearchParams({ q: search }).toString()}`;
}
