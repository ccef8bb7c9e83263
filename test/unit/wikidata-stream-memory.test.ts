import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { importWikidata } from '../../src/cli/wikidata-import';

const HENNING = resolve(import.meta.dirname, '../fixtures/wikidata/Q646148-henning-christophersen.dump.json');
const henningLine = readFileSync(HENNING, 'utf8').split('\n')[1] ?? '';

/** About the size of the full dump's smaller entities: a label, a class, a few strings. */
function generatedLine(i: number): string {
  return JSON.stringify({
    type: 'item',
    id: `Q${90_000_000 + i}`,
    labels: { en: { language: 'en', value: `generated item ${i}` }, de: { language: 'de', value: `erzeugtes Objekt ${i}` } },
    descriptions: { en: { language: 'en', value: 'a line made up for the memory test' } },
    aliases: {},
    claims: {
      P31: [
        {
          mainsnak: {
            snaktype: 'value',
            property: 'P31',
            datavalue: { value: { 'entity-type': 'item', id: 'Q4164871' }, type: 'wikibase-entityid' },
          },
          rank: 'normal',
        },
      ],
    },
    sitelinks: {},
    note: 'x'.repeat(1200 + (i % 500)),
  });
}

const ONE_GB = 1024 ** 3;

/**
 * A full garbage collection before each sample, so that the samples show what the import keeps,
 * not garbage the collector has not reached yet. Exposing `gc` at run time spares a Node flag.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('import wikidata: memory', () => {
  it('filters a generated 1 GB dump with memory staying flat', { timeout: 300_000 }, async () => {
    const positions = ['Q5449541', 'Q6866144', 'Q651703', 'Q1780230', 'Q64852347', 'Q12311817', 'Q18607880'].map((id) =>
      JSON.stringify({ type: 'item', id, labels: { en: { language: 'en', value: `label of ${id}` } }, claims: {} }),
    );
    let bytes = 0;
    // The JavaScript heap plus Buffers, which live outside it: a reader that kept chunks would show in either.
    const used = (): number => {
      collectGarbage();
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.arrayBuffers;
    };
    let peak = 0;
    const baseline = used();
    // Generated on the fly: nothing is written to disk and no more than one chunk exists at a time.
    function* dump(): Generator<Buffer> {
      yield Buffer.from('[\n');
      let i = 0;
      while (bytes < ONE_GB) {
        const line = i === 200_000 ? [henningLine, ...positions].join(',\n') : generatedLine(i);
        const chunk = Buffer.from(`${line},\n`);
        bytes += chunk.length;
        if (i % 25_000 === 0) peak = Math.max(peak, used());
        i++;
        yield chunk;
      }
      yield Buffer.from(`${generatedLine(i)}\n]\n`);
    }
    const errors: string[] = [];
    const outDir = mkdtempSync(join(tmpdir(), 'backstory-wikidata-memory-'));
    const result = await importWikidata(
      { open: () => Readable.from(dump()), name: 'generated', ids: new Set(['Q646148']), outDir, today: '2026-12-05' },
      () => undefined,
      (l) => errors.push(l),
    );

    expect(errors.filter((e) => !e.includes('has no start date'))).toEqual([]);
    expect(bytes).toBeGreaterThanOrEqual(ONE_GB);
    expect(result).toEqual({ code: 0, written: ['henning-christophersen'] });
    expect(readdirSync(outDir)).toEqual(['henning-christophersen.json']);
    // Reading the input whole would keep more than a gigabyte; a stream keeps a few lines.
    expect((peak - baseline) / 1024 ** 2).toBeLessThan(16);
  });
});
