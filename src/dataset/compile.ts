/**
 * Dataset -> match index: the whole trie (compileMatchIndex, for the maintainers' command
 * line, the tests and the bench) and the stored, sharded form (compileShardedIndex, written
 * by the background; stored-index.ts). Runs in the background and on the command line, never in a
 * content script.
 */
import { CATEGORY_IDS } from './categories';
import { toBase64 } from './base64';
import { foldCasePreserving, foldForComparison, expandAliasTemplate } from './normalize';
import { aliasesWithName, aliasIsAmbiguous, aliasIsCaseSensitive, aliasNeedsContext, aliasText, type Dataset } from './schema';
import { encodeAliasRules, foldedWords } from './alias-rules';
import {
  FLAG_AMBIGUOUS,
  FLAG_CASE_SENSITIVE,
  FLAG_CONTEXT,
  FLAG_GIVEN,
  FLAG_LANGUAGE_SHIFT,
  languageNumber,
  type MatchIndex,
} from './match-index';
import { aliasForms, inflectionRules } from './inflect';
import { buildMatchIndex, openRootGate, type AliasRecord } from './trie-build';
import { STORED_INDEX_FORMAT, type StoredIndexHead, encodeTrie, serializeShard, type StoredShard } from './stored-index';
import { aliasHash, bucketOf, shardBitsFor } from './alias-hash';
import { addToFilter, filterBytes } from './bloom-filter';

/**
 * Every alias variant of every entity, one record per (entity, folded key, case rule), so
 * variants that fold alike share a record; then the inflected forms of people's aliases in
 * languages with rules (inflect/), each marked with its language; then one record per given
 * name (FLAG_GIVEN): the dataset's list and every person's own, spelt with a capital as written.
 */
export function aliasRecords(dataset: Dataset): AliasRecord[] {
  const records: AliasRecord[] = [];
  const seen = new Set<string>();
  const givenNames: string[] = [...(dataset.givenNames ?? [])];
  // Inflected forms are added after every alias, and one that spells an alias of any entity
  // is left out: the alias as written wins (the lint reports the collision).
  const forms: (() => void)[] = [];
  const baseKeys = new Set<string>();
  dataset.entities.forEach((entity, e) => {
    const own = entity.category === 'person' ? (entity.givenNames ?? []) : null;
    const ownKeys = new Set((own ?? []).map((g) => foldedWords(g)[0]).filter((w): w is string => w !== undefined));
    if (own) givenNames.push(...own);
    for (const { alias } of aliasesWithName(entity)) {
      const caseSensitive = aliasIsCaseSensitive(alias, entity.category);
      const flags =
        (caseSensitive ? FLAG_CASE_SENSITIVE : 0) |
        (aliasIsAmbiguous(alias) ? FLAG_AMBIGUOUS : 0) |
        (aliasNeedsContext(alias) ? FLAG_CONTEXT : 0);
      const phrases = typeof alias === 'string' ? {} : { notFollowedBy: alias.notFollowedBy, notPrecededBy: alias.notPrecededBy };
      // A person's or place's alias in a language with rules also stands for its inflected
      // forms, which match only on pages in that language.
      const inflection = typeof alias !== 'string' ? inflectionRules(alias.lang) : undefined;
      for (const variant of expandAliasTemplate(aliasText(alias))) {
        // A person's alias that begins with one of their own given names needs no look back.
        const first = foldedWords(variant)[0] ?? '';
        const ownGiven = own && !ownKeys.has(first) ? own : undefined;
        const rules = encodeAliasRules({ ...phrases, ...(ownGiven ? { ownGiven } : {}) });
        const add = (text: string, language: number): void => {
          const key = foldForComparison(text);
          const pattern = caseSensitive ? foldCasePreserving(text) : '';
          const dedupe = `${e}\u0000${key}\u0000${pattern}\u0000${rules}\u0000${language}`;
          if (key.length === 0 || seen.has(dedupe) || (language !== 0 && baseKeys.has(key))) return;
          if (language === 0) baseKeys.add(key);
          seen.add(dedupe);
          records.push({ entity: e, key, pattern, flags: flags | (language << FLAG_LANGUAGE_SHIFT), ...(rules ? { rules } : {}) });
        };
        add(variant, 0);
        if (!inflection) continue;
        for (const form of aliasForms(inflection.rules, variant, entity).forms)
          forms.push(() => add(form, languageNumber(inflection.language)));
      }
    }
  });
  for (const addForm of forms) addForm();
  for (const name of givenNames) {
    const key = foldForComparison(name);
    const pattern = foldCasePreserving(name);
    const dedupe = `given\u0000${key}\u0000${pattern}`;
    if (key.length === 0 || seen.has(dedupe)) continue;
    seen.add(dedupe);
    records.push({ entity: -1, key, pattern, flags: FLAG_GIVEN | FLAG_CASE_SENSITIVE });
  }
  return records;
}

function relatedPositions(dataset: Dataset): number[][] {
  const entityIndex = new Map(dataset.entities.map((e, i) => [e.id, i]));
  return dataset.entities.map((entity) => entity.related.flatMap((id) => entityIndex.get(id) ?? []));
}

export function compileMatchIndex(dataset: Dataset, records = aliasRecords(dataset)): MatchIndex {
  return buildMatchIndex({
    datasetId: dataset.id,
    datasetVersion: dataset.version,
    entityIds: dataset.entities.map((e) => e.id),
    entityCategories: dataset.entities.map((e) => e.category),
    related: relatedPositions(dataset),
    records,
  });
}

export interface ShardedIndex {
  head: StoredIndexHead;
  /** Shard number -> shard as stored (serializeShard), for every shard that exists; empty when the head holds the only one. */
  shards: Map<number, string>;
}

/** The stored form: records filed by the hash of their first runs (alias-hash.ts). */
export function compileShardedIndex(dataset: Dataset, shardBits?: number): ShardedIndex {
  const records = aliasRecords(dataset);
  const hashes = records.map((r) => aliasHash(r.key));
  const bits = shardBits ?? shardBitsFor(records.length);
  const gate = new Uint8Array(128);
  const distinct = new Set(hashes);
  const filter = new Uint8Array(bits === 0 ? 0 : filterBytes(distinct.size));
  if (bits > 0) for (const hash of distinct) addToFilter(filter, hash);
  const byBucket = new Map<number, AliasRecord[]>();
  records.forEach((record, i) => {
    openRootGate(gate, record);
    // one shard: the head holds the whole index, ready-built, and no shard is stored
    if (bits === 0) return;
    const bucket = bucketOf(hashes[i] as number, bits);
    let list = byBucket.get(bucket);
    if (!list) byBucket.set(bucket, (list = []));
    list.push(record);
  });
  const shards = new Map<number, string>();
  for (const [bucket, list] of byBucket) {
    const local = new Map<number, number>();
    const shard: StoredShard = { ids: [], categories: '', related: [], keys: [], patterns: [], flags: [], rules: [], entities: [] };
    for (const record of list) {
      let position = record.entity < 0 ? -1 : local.get(record.entity);
      if (position === undefined) {
        position = shard.ids.length;
        local.set(record.entity, position);
        const entity = dataset.entities[record.entity];
        if (!entity) throw new Error(`alias record for a missing entity #${record.entity}`);
        shard.ids.push(entity.id);
        shard.categories += String(CATEGORY_IDS.indexOf(entity.category));
        shard.related.push(entity.related);
      }
      shard.keys.push(record.key);
      shard.patterns.push(record.pattern);
      shard.flags.push(record.flags);
      shard.rules.push(record.rules ?? '');
      shard.entities.push(position);
    }
    shards.set(bucket, serializeShard(shard));
  }
  const head: StoredIndexHead = {
    format: STORED_INDEX_FORMAT,
    datasetId: dataset.id,
    datasetVersion: dataset.version,
    shardBits: bits,
    filter: toBase64(filter),
    rootGate: toBase64(gate),
  };
  if (bits === 0) head.inline = encodeTrie(compileMatchIndex(dataset, records));
  return { head, shards };
}
