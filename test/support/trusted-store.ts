/**
 * The background's trusted store (src/background/trusted-store.ts) in unit tests: an
 * in-memory IndexedDB from fake-indexeddb, in place of the extension origin's database.
 * Call freshTrustedStore() before each test; the store opens a new connection for a new factory.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';

export function freshTrustedStore(): void {
  globalThis.indexedDB = new IDBFactory();
}
