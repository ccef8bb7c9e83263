/**
 * False friends: names that contain one of our aliases but mean someone or something else.
 * Each is turned down by a rule that comes from the dataset (given names, context phrases,
 * acronyms that need context), checked here on the bundled dataset and on small datasets
 * where the data alone changes the outcome.
 */
import { describe, expect, it } from 'vitest';
import { compileMatchIndex, compileShardedIndex } from '../../src/dataset/compile';
import { collectRejections, findMentions, type Rejection } from '../../src/dataset/match';
import { resolveMentions } from '../../src/dataset/resolve';
import { parseDataset, type Dataset } from '../../src/dataset/schema';
import { LoadedIndex } from '../../src/dataset/loaded-index';
import { INLINE_RECORDS, parseShard } from '../../src/dataset/stored-index';
import type { MatchIndex } from '../../src/dataset/match-index';
import { dataset, entity } from '../support/mini-dataset';
import { bundledDataset } from '../support/bundled-dataset';

const bundled = compileMatchIndex(bundledDataset());

/** "entity|text" for every mention drawn in `text`, in order. */
function drawn(text: string, index: MatchIndex = bundled): string[] {
  return resolveMentions(findMentions(index, text), index)
    .filter((m) => m.entityIds.length > 0)
    .map((m) => `${m.entityIds.join('+')}|${text.slice(m.start, m.end)}`);
}

describe('given names decide whose surname it is', () => {
  it.each([
    ['Melania Trump'],
    ['Barron Trump'],
    ['Michelle Obama'],
    ['Hunter Biden'],
    ['Jill Biden'],
    ['Brigitte Macron'],
    ['Eduardo Bolsonaro'],
    ['Pierre Trudeau'],
    ['Cyrus Vance'],
    ['Jay Carney'],
    ['Zach Witkoff'],
    ['Ludovic Orban'],
  ])('"%s" is nobody in the bundled dataset', (name) => {
    expect(drawn(`Yesterday ${name} spoke to reporters.`)).toEqual([]);
  });

  it('keeps the person’s own given names, middle initials and titles', () => {
    expect(drawn('Donald J. Trump met President Trump; Mr. Trump and Donald John Trump too.')).toEqual([
      'donald-trump|Donald J. Trump',
      'donald-trump|President Trump',
      'donald-trump|Trump',
      'donald-trump|Donald John Trump',
    ]);
    expect(drawn('Steven Charles Witkoff and Steve C. Witkoff')).toEqual(['steve-witkoff|Steven Charles Witkoff', 'steve-witkoff|Witkoff']);
  });

  it('keeps a surname after capitalised words that are not given names', () => {
    expect(drawn('On Monday Trump called. Yesterday Zelensky answered. In Kyiv Zelensky said no.')).toEqual([
      'donald-trump|Trump',
      'volodymyr-zelensky|Zelensky',
      'kyiv|Kyiv',
      'volodymyr-zelensky|Zelensky',
    ]);
  });

  it('leaves names inside addresses alone: Football.London by its rule, www.london as written in lower case', () => {
    expect(drawn('Football.London first reported it; see also www.london and Kyiv. Then London replied.')).toEqual([
      'kyiv|Kyiv',
      'london|London',
    ]);
  });

  it('still draws a name after a sentence that lost its space: "Geneva.Witkoff"', () => {
    expect(drawn('The talks ended in Geneva.Witkoff flew home.')).toEqual(['geneva|Geneva', 'steve-witkoff|Witkoff']);
  });

  it('still draws a name after a title glued to it by a dot, as in "Pres.Zelensky"', () => {
    expect(drawn('Pres.Zelensky met Gen.Syrskyi.')).toEqual(['volodymyr-zelensky|Zelensky', 'oleksandr-syrskyi|Syrskyi']);
  });

  it('does not reach across a sentence or a block: "Michelle. Obama" is Obama', () => {
    expect(drawn('They called Michelle. Obama answered.')).toEqual(['barack-obama|Obama']);
  });

  it('draws the full name when the dataset holds that person, and nothing when it does not', () => {
    const people = [
      entity('donald-trump', 'person', 'Donald Trump', ['Trump'], { givenNames: ['Donald'] }),
      entity('melania-trump', 'person', 'Melania Trump', [], { givenNames: ['Melania'] }),
    ];
    const withHer = compileMatchIndex(dataset(people));
    expect(drawn('Melania Trump and Trump', withHer)).toEqual(['melania-trump|Melania Trump', 'donald-trump|Trump']);
    // Without her entity, her given name from the dataset's list is what turns "Trump" down.
    const without: Dataset = { ...dataset([people[0] as (typeof people)[0]]), givenNames: ['Melania'] };
    expect(drawn('Melania Trump and Trump', compileMatchIndex(without))).toEqual(['donald-trump|Trump']);
    const unaware = dataset([people[0] as (typeof people)[0]]);
    expect(drawn('Melania Trump and Trump', compileMatchIndex(unaware))).toEqual(['donald-trump|Trump', 'donald-trump|Trump']);
  });

  it('says which rule turned a name down, for the debug report', () => {
    const into: Rejection[] = [];
    collectRejections(into);
    try {
      findMentions(bundled, 'Melania Trump and Moscow, Idaho');
    } finally {
      collectRejections(null);
    }
    expect(into.map((r) => [r.entityId, r.reason])).toEqual([
      ['donald-trump', 'given-name'],
      ['moscow', 'context'],
    ]);
  });
});

describe('context decides short aliases', () => {
  it.each([
    ['Costa Rica', 'antonio-costa', 'António Costa chaired the summit. Costa Rica sent a delegate.'],
    ['Moscow, Idaho', 'moscow', 'The trial in Moscow, Idaho, resumed.'],
    ['Odessa, Texas', 'odesa', 'Oil output near Odessa, Texas, rose.'],
    ['Geneva Conventions', 'geneva', 'Both sides cited the Geneva Conventions.'],
    ['The Moscow Times', 'moscow', 'The Moscow Times reported it.'],
    ['USA Today', 'united-states', 'USA Today reported it.'],
  ])('"%s" is not %s', (_name, id, text) => {
    expect(drawn(text).filter((d) => d.startsWith(`${id}|`) && !d.endsWith('António Costa'))).toEqual([]);
  });

  it('still draws the place itself', () => {
    expect(drawn('Talks in Moscow and Geneva; later in Odessa.')).toEqual(['moscow|Moscow', 'geneva|Geneva', 'odesa|Odessa']);
  });

  it.each([
    ['MBS', 'Banks sold MBS, the mortgage-backed securities, in bulk.'],
    ['FSB', 'The FSB, the Financial Stability Board, met in Basel.'],
    ['NABU', 'NABU, the German nature conservation union, counted birds.'],
  ])('an acronym that needs context (%s) is not drawn without it', (_acronym, text) => {
    expect(drawn(text)).toEqual([]);
  });

  it('draws an acronym that needs context where the page names its entity or a related one', () => {
    expect(drawn('NABU investigators in Ukraine searched the offices.')).toEqual(['nabu|NABU', 'ukraine|Ukraine']);
    expect(drawn('Mohammed bin Salman, known as MBS, hosted the talks.')).toEqual([
      'mohammed-bin-salman|Mohammed bin Salman',
      'mohammed-bin-salman|MBS',
    ]);
    expect(drawn('Putin relies on the FSB.')).toEqual(['vladimir-putin|Putin', 'fsb|FSB']);
  });

  it('matches acronyms only as written: "Nabu" and "mbs" are not acronyms', () => {
    expect(drawn('Ukraine: Nabu and mbs and Fsb.')).toEqual(['ukraine|Ukraine']);
  });

  it('refuses an acronym alias that is not opted in', () => {
    const result = parseDataset(dataset([entity('nato', 'organization', 'North Atlantic Treaty Organization', ['NATO'])]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.errors[0]?.message).toMatch(/acronym/);
  });

  it('applies the same rules through the sharded index a content script loads', () => {
    // three alias records a person: name, surname and given name
    const people = Array.from({ length: Math.ceil(INLINE_RECORDS / 3) + 100 }, (_, i) =>
      entity(`p${i}`, 'person', `Given${i} Surname${i}`, [`Surname${i}`], { givenNames: [`Given${i}`] }),
    );
    const data: Dataset = { ...dataset(people), givenNames: ['Melania'] };
    const { head, shards } = compileShardedIndex(data);
    expect(head.shardBits).toBeGreaterThan(0);
    const loaded = new LoadedIndex(head);
    const text = 'Melania Surname7 met Given7 Surname7, then Surname8.';
    const need = loaded.missing(text);
    loaded.add(
      need,
      need.map((b) => parseShard(shards.get(b))),
    );
    expect(drawn(text, loaded.index)).toEqual(['p7|Given7 Surname7', 'p8|Surname8']);
  });
});
