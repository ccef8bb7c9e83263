/**
 * Kept only for src/background/dataset-installer.ts, which is being changed elsewhere just
 * now: the index's modules are stored-index.ts, alias-hash.ts, bloom-filter.ts and
 * loaded-index.ts. Import from those; delete this file once that import is moved.
 */
export { LoadedIndex } from './loaded-index';
export { shardKey, STORED_INDEX_FORMAT, StoredIndexHead } from './stored-index';
