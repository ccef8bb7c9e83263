/** The stored index as the harness hands it to the bench bundle: the head and each shard as its own JSON text. */
import type { ShardedIndex } from '../../src/dataset/compile';

export interface StoredJson {
  head: string;
  shards: Record<string, string>;
}

export function storedJson(index: ShardedIndex): StoredJson {
  const shards: Record<string, string> = {};
  for (const [bucket, shard] of index.shards) shards[bucket] = shard;
  return { head: JSON.stringify(index.head), shards };
}

/** A page's worth of text for the index-load figures: about the length of nytimes-4 (123,535 characters). */
export const LOAD_TEXT_CHARS = 120_000;
