/**
 * Figure 9's matcher part alone, in Node's V8, without browsers or builds: findMentions over
 * 1 MB of synthetic news at 10,000 aliases, as written and with Czech inflected forms compiled
 * in (matched as a Czech page), in the same run, with the compiled and stored index sizes.
 * `node --import tsx scripts/bench/matcher-forms.ts`. The full figure is `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { aliasRecords, compileMatchIndex, compileShardedIndex } from '../../src/dataset/compile';
import { findMentions } from '../../src/dataset/match';
import type { MatchIndex } from '../../src/dataset/match-index';
import { storedJson } from './stored';
import { newsText, syntheticDataset } from './synthetic';

const ALIASES = 10_000;
const CHARS = 1_000_000;
const RUNS = 15;

/** Bytes of a built index's typed arrays and strings, as held in memory. */
function indexBytes(index: MatchIndex): number {
  let bytes = 0;
  for (const value of Object.values(index)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) for (const v of value) bytes += typeof v === 'string' ? v.length * 2 : 0;
  }
  return bytes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const text = newsText(CHARS);
const variants = [undefined, 'cs'].map((language) => {
  const dataset = syntheticDataset(ALIASES, language);
  const index = compileMatchIndex(dataset);
  const stored = storedJson(compileShardedIndex(dataset));
  const storedBytes = [stored.head, ...Object.values(stored.shards)].reduce((sum, part) => sum + Buffer.byteLength(part), 0);
  findMentions(index, text.slice(0, 100_000), 0, 100_000, language);
  return { language, index, records: aliasRecords(dataset).length, storedBytes, rates: [] as number[], mentions: 0 };
});
// Runs alternate between the two, so a busy machine slows both alike.
for (let r = 0; r < RUNS; r++) {
  for (const v of variants) {
    const t = performance.now();
    v.mentions = findMentions(v.index, text, 0, text.length, v.language).length;
    v.rates.push(CHARS / 1e6 / ((performance.now() - t) / 1000));
  }
}
for (const { language, index, records, storedBytes, rates, mentions } of variants) {
  const label = language ? `${ALIASES} aliases + ${language} forms` : `${ALIASES} aliases`;
  console.log(
    `${label}: ${records} records, trie ${(indexBytes(index) / 1e6).toFixed(2)} MB in memory, stored ${(storedBytes / 1e6).toFixed(2)} MB; findMentions median ${median(rates).toFixed(1)} Mchar/s (min ${Math.min(...rates).toFixed(1)}, max ${Math.max(...rates).toFixed(1)}), ${mentions} mentions`,
  );
}
