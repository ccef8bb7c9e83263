/**
 * Reading the active dataset from storage.local as tabs and extension pages use it: the index
 * head with its record, the index shards and the cards (keys declared in storage.ts).
 */
import { StoredIndexHead, StoredShard } from '../dataset/stored-index';
import type { EntityCard } from '../dataset/cards';
import { ActiveDataset, activeDatasetItem, activeIndexItem, cardItems, readItemsRaw, shardItems, type StorageItem } from './storage';

/**
 * The active index head and its dataset record, in one storage read (docs/decisions/0008-index-flips-with-active-record.md): what a
 * tab needs before it can annotate. Read here and checked by parseActiveIndex, which the
 * content script runs in a task of its own: the bundled dataset's head holds its whole index.
 */
export function readActiveIndexRaw(): Promise<Map<StorageItem<unknown>, unknown>> {
  return readItemsRaw([activeIndexItem, activeDatasetItem]);
}

/**
 * Builds the schemas that check the index head, the active-dataset record and the shards
 * (each built on first use, lazy-schema.ts) without checking anything. The content script
 * calls it while its storage read is under way, so building them is a task of its own instead
 * of lengthening the one that checks the head.
 */
export function prepareIndexSchemas(): void {
  for (const schema of [StoredIndexHead, ActiveDataset, StoredShard]) void schema._zod;
}

/** The head is null when missing or in an older format. */
export function parseActiveIndex(stored: ReadonlyMap<StorageItem<unknown>, unknown>): {
  index: StoredIndexHead | null;
  dataset: ActiveDataset | null;
} {
  return { index: activeIndexItem.parse(stored.get(activeIndexItem)), dataset: activeDatasetItem.parse(stored.get(activeDatasetItem)) };
}

export function readActiveDataset(): Promise<ActiveDataset | null> {
  return activeDatasetItem.get();
}

export async function readCards(version: number, ids: readonly string[]): Promise<Map<string, EntityCard>> {
  const shelf = new CardShelf(version);
  await shelf.read(ids);
  const cards = new Map<string, EntityCard>();
  for (const id of ids) {
    const card = shelf.get(id);
    if (card) cards.set(id, card);
  }
  return cards;
}

/**
 * Cards of one dataset version as read from storage, each checked with zod the first time it
 * is used. A page that names hundreds of people reads all their cards in one go, but its
 * reader opens a few: checking them all at once cost the first scan a long task.
 */
export class CardShelf {
  private readonly stored = new Map<string, unknown>();
  private readonly checked = new Map<string, EntityCard | null>();

  constructor(readonly version: number) {}

  /** Of `ids`, those not read yet. */
  unread(ids: Iterable<string>): string[] {
    return [...new Set(ids)].filter((id) => !this.stored.has(id));
  }

  /** Reads the cards of `ids` that are not on the shelf yet, in one storage read. */
  async read(ids: Iterable<string>): Promise<void> {
    const wanted = this.unread(ids);
    if (wanted.length === 0) return;
    const stored = await cardItems.readRaw(
      this.version,
      wanted.map((id) => [id] as [string]),
    );
    wanted.forEach((id, i) => this.stored.set(id, stored[i]));
  }

  /** The card, checked; undefined when it was never read, is missing or is damaged. */
  get(id: string): EntityCard | undefined {
    let card = this.checked.get(id);
    if (card === undefined && this.stored.has(id)) {
      card = cardItems.parse(this.stored.get(id));
      this.checked.set(id, card);
    }
    return card ?? undefined;
  }
}

/**
 * Index shards of dataset `version`, in one read, as stored (text): `result[i]` is shard
 * `buckets[i]`. The caller parses them (parseShard) in slices, since a page that names
 * hundreds of people reads hundreds of shards.
 */
export function readShards(version: number, buckets: readonly number[]): Promise<unknown[]> {
  return shardItems.readRaw(
    version,
    buckets.map((b) => [b] as [number]),
  );
}
