import { INDEX_PLAN, SERVED_SHAPES, type PlannedIndex, type ServedShape } from './index-plan';

/** The markers around the README's generated index table. */
export const INDEX_TABLE_START = '<!-- index plan: generated from src/store/index-plan.ts; the test every-query-shape-is-served-by-an-index checks it -->';
export const INDEX_TABLE_END = '<!-- end of index plan -->';

function keysOf(index: PlannedIndex): string {
  if (index.kind === 'text') return `text: ${index.keys.map((key) => `${key.field} (${index.weights?.[key.field] ?? 1})`).join(', ')}`;
  return `{ ${index.keys.map((key) => `${key.field}: ${key.direction}`).join(', ')} }`;
}

/** The distinct uses of the shapes an index serves, in shape order. */
function usesOf(index: PlannedIndex, shapes: readonly ServedShape[]): string {
  const uses = shapes.filter((shape) => shape.collection === index.collection && shape.index === index.name).flatMap((shape) => shape.use.split('; '));
  return [...new Set(uses)].map((use) => use.replaceAll('|', '\\|')).join('; ');
}

/** The README's table of the index plan: each index, its keys and the queries it serves. */
export function renderIndexTable(plan: readonly PlannedIndex[] = INDEX_PLAN, shapes: readonly ServedShape[] = SERVED_SHAPES): string {
  const rows = plan.map((index) => `| \`${index.collection}\` | \`${index.name}\` | \`${keysOf(index)}\` | ${usesOf(index, shapes)} |`);
  return [INDEX_TABLE_START, '', '| collection | index | keys | serves |', '| --- | --- | --- | --- |', ...rows, '', INDEX_TABLE_END].join('\n');
}

/** The table as it stands in a README, or undefined when the markers are missing. */
export function indexTableIn(readme: string): string | undefined {
  const start = readme.indexOf(INDEX_TABLE_START);
  const end = readme.indexOf(INDEX_TABLE_END);
  return start < 0 || end < start ? undefined : readme.slice(start, end + INDEX_TABLE_END.length);
}
