/**
 * The embedded engine: SQLite tables, B-tree indexes, FTS5 and recursive CTEs behind the `Store`
 * contract. Import it as `store/embedded/index`: builds from before this folder existed left a
 * `dist/src/store/embedded.js`, which a bare `store/embedded` would resolve to.
 */
export { EmbeddedStore } from './embedded-store';
export { DATABASE_FILE, LOADING_FILE } from './database-files';
