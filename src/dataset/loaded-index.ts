/**
 * The stored index as a tab reads it (stored-index.ts): the shards a page's words need,
 * found by hashing each candidate word start (alias-hash.ts) and asking the head's Bloom
 * filter (bloom-filter.ts), then a small trie built from what was read.
 */
import type { CategoryId } from './categories';
import { fromBase64 } from './base64';
import { FLAG_GIVEN, type MatchIndex } from './match-index';
import { forEachCandidate } from './match';
import { TrieBuilder, type AliasRecord, type IndexInput } from './trie-build';
import { categoryAt, decodeTrie, type StoredIndexHead, type StoredShard } from './stored-index';
import { bucketOf, oneRun, runHashes, twoRuns } from './alias-hash';
import { inFilter } from './bloom-filter';

/**
 * The part of the index a page has read so far, grown as the page shows new words. Records
 * and entities are only ever appended, so alias indices and entity positions in mentions
 * found earlier stay valid after more shards arrive.
 */
export class LoadedIndex {
  readonly datasetId: string;
  readonly datasetVersion: number;
  private readonly bits: number;
  private readonly filter: Uint8Array;
  private readonly gate: Uint8Array;
  private readonly loaded = new Set<number>();
  private readonly entityIds: string[] = [];
  private readonly entityCategories: CategoryId[] = [];
  private readonly relatedIds: string[][] = [];
  private readonly positions = new Map<string, number>();
  private readonly records: AliasRecord[] = [];
  private built: MatchIndex | null = null;
  private seen: Uint8Array | null = null;

  constructor(head: StoredIndexHead) {
    this.datasetId = head.datasetId;
    this.datasetVersion = head.datasetVersion;
    this.bits = head.shardBits;
    const filter = fromBase64(head.filter);
    const gate = fromBase64(head.rootGate);
    if (!filter || !gate || gate.length !== 128 || (head.shardBits > 0 && filter.length < 8)) {
      throw new Error('the stored match index is damaged (bad head)');
    }
    this.filter = filter;
    this.gate = gate;
    if (head.shardBits === 0) {
      if (!head.inline) throw new Error('the stored match index is damaged (no inline index)');
      this.built = decodeTrie(head, head.inline);
      this.loaded.add(0);
    }
  }

  /** Shards that `text[from, to)` may need and that have not been read yet, each once. */
  missing(text: string, from = 0, to = text.length): number[] {
    const out: number[] = [];
    if (this.bits === 0) return out;
    // Marks shards seen in this call; allocated once per index and cleared after each call
    // (only the marked entries), since a page's text is hashed in many small chunks.
    this.seen ??= new Uint8Array(1 << this.bits);
    const seen = this.seen;
    const marked: number[] = [];
    const want = (hash: number): void => {
      if (!inFilter(this.filter, hash)) return;
      const b = bucketOf(hash, this.bits);
      if (seen[b] === 1) return;
      seen[b] = 1;
      marked.push(b);
      if (!this.loaded.has(b)) out.push(b);
    };
    forEachCandidate(this.gate, text, from, to, (i) => {
      // An alias here is filed under this word's run, or under it and the next one.
      const runs = runHashes(text, i, to);
      want(oneRun);
      if (runs === 2) want(twoRuns);
    });
    for (const b of marked) seen[b] = 0;
    return out;
  }

  /** Adds read shards; `shards[i]` is shard `buckets[i]`, undefined when storage had none. */
  add(buckets: readonly number[], shards: readonly (StoredShard | undefined)[]): void {
    buckets.forEach((bucket, i) => {
      if (this.loaded.has(bucket)) return;
      this.loaded.add(bucket);
      const shard = shards[i];
      if (!shard) return;
      const local: number[] = [];
      for (let e = 0; e < shard.ids.length; e++) {
        const id = shard.ids[e] as string;
        let position = this.positions.get(id);
        if (position === undefined) {
          position = this.entityIds.length;
          this.positions.set(id, position);
          this.entityIds.push(id);
          this.entityCategories.push(categoryAt(shard.categories, e));
          this.relatedIds.push(shard.related[e] ?? []);
        }
        local.push(position);
      }
      for (let r = 0; r < shard.keys.length; r++) {
        const flags = shard.flags[r] as number;
        const given = (flags & FLAG_GIVEN) !== 0;
        const position = given ? -1 : local[shard.entities[r] as number];
        // a record pointing past its shard's entities is damaged: left out, never misfiled
        if (position === undefined) continue;
        this.records.push({
          key: shard.keys[r] as string,
          pattern: shard.patterns[r] as string,
          flags,
          rules: shard.rules[r] as string,
          entity: position,
        });
      }
      this.built = null;
    });
  }

  /** The trie over everything read so far, rebuilt only after new shards arrived. */
  get index(): MatchIndex {
    this.built ??= new TrieBuilder(this.input()).finish() as MatchIndex; // never paused: no stop given
    return this.built;
  }

  /**
   * Builds the trie over everything read so far in slices: `stop` says when a slice is
   * over, `next` waits for the next one (false: give up, the page went away).
   */
  async build(stop: () => boolean, next: () => Promise<boolean>): Promise<MatchIndex | null> {
    if (this.built) return this.built;
    const builder = new TrieBuilder(this.input());
    // preparing the builder reads every record once: a slice of its own on a large page
    if (stop() && !(await next())) return null;
    let built: MatchIndex | null;
    // records read meanwhile (none: scans run one at a time) would wait for the next build
    while ((built = builder.finish(stop)) === null) if (!(await next())) return null;
    this.built = built;
    return built;
  }

  private input(): IndexInput {
    const related = this.relatedIds.map((ids) => {
      const out: number[] = [];
      for (const id of ids) {
        const r = this.positions.get(id);
        if (r !== undefined) out.push(r);
      }
      return out;
    });
    return {
      datasetId: this.datasetId,
      datasetVersion: this.datasetVersion,
      entityIds: this.entityIds.slice(),
      entityCategories: this.entityCategories.slice(),
      related,
      records: this.records.slice(),
    };
  }
}
