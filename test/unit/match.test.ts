import { describe, expect, it } from 'vitest';
import { compileMatchIndex } from '../../src/dataset/compile';
import { findMentions } from '../../src/dataset/match';
import { resolveMentions } from '../../src/dataset/resolve';
import { BLOCK_BREAK } from '../../src/dataset/normalize';
import { MINI, dataset, entity } from '../support/mini-dataset';

const index = compileMatchIndex(MINI);

/** The matched surface texts and their entity ids, in order. */
function found(text: string): [string, string][] {
  return findMentions(index, text).map((m) => [text.slice(m.start, m.end), m.entityIds.join('|')]);
}

describe('findMentions', () => {
  it('finds full names and surnames with offsets into the original text', () => {
    const text = 'US Secretary of State Marco Rubio met Witkoff. Rubio said so.';
    expect(found(text)).toEqual([
      ['Marco Rubio', 'marco-rubio'],
      ['Witkoff', 'steve-witkoff'],
      ['Rubio', 'marco-rubio'],
    ]);
  });

  it('matches possessives with straight and curly apostrophes', () => {
    expect(found("Putin's view, Zelensky’s reply, Witkoff’s trip")).toEqual([
      ['Putin', 'vladimir-putin'],
      ['Zelensky', 'volodymyr-zelensky'],
      ['Witkoff', 'steve-witkoff'],
    ]);
  });

  it('respects Unicode word boundaries', () => {
    expect(found('Trumpet Putinism Rubiocon xRubio')).toEqual([]);
    expect(found('Rubio, (Rutte) "Putin"')).toEqual([
      ['Rubio', 'marco-rubio'],
      ['Rutte', 'mark-rutte'],
      ['Putin', 'vladimir-putin'],
    ]);
    expect(found('éPutin Putiné')).toEqual([]);
  });

  it('keeps person names case-sensitive but matches ALL-CAPS headlines', () => {
    expect(found('a trump card and a rubio')).toEqual([]);
    expect(found('ZELENSKY MEETS TRUMP')).toEqual([
      ['ZELENSKY', 'volodymyr-zelensky'],
      ['TRUMP', 'donald-trump'],
    ]);
  });

  it('folds diacritics both ways', () => {
    expect(found('Erdogan and Erdoğan')).toEqual([
      ['Erdogan', 'recep-tayyip-erdogan'],
      ['Erdoğan', 'recep-tayyip-erdogan'],
    ]);
    // decomposed form: o + combining breve
    expect(found('Erdog\u0306an')).toEqual([['Erdog\u0306an', 'recep-tayyip-erdogan']]);
  });

  it('folds hyphens, dashes, non-breaking spaces and line breaks', () => {
    expect(found('the 28 point plan, a 28‑point peace proposal')).toEqual([
      ['the 28 point plan', 'us-28-point-peace-plan'],
      ['28‑point peace proposal', 'us-28-point-peace-plan'],
    ]);
    expect(found('Marco\u00a0Rubio and Marco\n   Rubio')).toEqual([
      ['Marco\u00a0Rubio', 'marco-rubio'],
      ['Marco\n   Rubio', 'marco-rubio'],
    ]);
  });

  it('prefers the longest alias where aliases overlap', () => {
    expect(found('Donald Trump Jr. spoke')).toEqual([['Donald Trump Jr.', 'donald-trump-jr']]);
    expect(found('the 28-point peace plan and a peace plan')).toEqual([
      ['the 28-point peace plan', 'us-28-point-peace-plan'],
      ['peace plan', 'peace-plan-generic'],
    ]);
  });

  it('marks both names in a hyphenated compound', () => {
    expect(found('the Trump-Putin summit')).toEqual([
      ['Trump', 'donald-trump'],
      ['Putin', 'vladimir-putin'],
    ]);
  });

  it('finds names that begin beyond ASCII, after any punctuation', () => {
    const local = compileMatchIndex(
      dataset([entity('mesut-ozil', 'person', 'Özil'), entity('lech-walesa', 'person', 'Lech Wałęsa', ['Wałęsa'])]),
    );
    const text = '«Özil» met “Wałęsa”, then OZIL, Walesa and xÖzil.';
    expect(findMentions(local, text).map((m) => text.slice(m.start, m.end))).toEqual(['Özil', 'Wałęsa', 'OZIL', 'Walesa']);
  });

  it('sees word boundaries after any script, emoji or punctuation, and at the start offset', () => {
    expect(found('中Putin 中 Putin')).toEqual([['Putin', 'vladimir-putin']]);
    // a letter beyond the BMP (a surrogate pair) is a letter; an emoji is not
    expect(findMentions(index, '𝐀Putin 😀Putin').map((m) => m.start)).toEqual([10]);
    expect(found('×Putin —Putin ‘Putin’ Путин')).toHaveLength(3);
    expect(findMentions(index, 'Putin Putin', 6).map((m) => m.start)).toEqual([6]);
    expect(findMentions(index, 'xPutin Putin', 1).map((m) => m.start)).toEqual([7]);
  });

  it('never matches across a block break', () => {
    expect(found(`Marco${BLOCK_BREAK}Rubio`)).toEqual([['Rubio', 'marco-rubio']]);
  });

  it('matches proposals case-insensitively', () => {
    expect(found('THE 28-POINT PLAN')).toEqual([['THE 28-POINT PLAN', 'us-28-point-peace-plan']]);
  });

  it('reports both candidates for an ambiguous alias', () => {
    expect(found('Clinton said')).toEqual([['Clinton', 'bill-clinton|hillary-clinton']]);
  });

  it('finds the same mentions when a long text is matched in slices cut at block breaks', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Paragraph ${i}: Marco Rubio met Putin's envoy.`).join(BLOCK_BREAK);
    const whole = findMentions(index, text);
    const sliced = [];
    for (let pos = 0; pos < text.length;) {
      const cut = text.indexOf(BLOCK_BREAK, pos + 100);
      const end = cut < 0 ? text.length : cut;
      sliced.push(...findMentions(index, text, pos, end));
      pos = end;
    }
    expect(whole).toHaveLength(100);
    expect(sliced).toEqual(whole);
  });
});

describe('resolveMentions', () => {
  const resolve = (text: string): string[] =>
    resolveMentions(findMentions(index, text), index).map((m) => `${text.slice(m.start, m.end)}=${m.entityIds.join('|')}`);

  it('resolves an ambiguous alias to the entity named in full on the page', () => {
    expect(resolve('Hillary Clinton spoke. Later Clinton left.')).toEqual(['Hillary Clinton=hillary-clinton', 'Clinton=hillary-clinton']);
  });

  it('falls back to related entities on the page', () => {
    expect(resolve('Kushner and Witkoff met Trump.')).toEqual(['Kushner=jared-kushner', 'Witkoff=steve-witkoff', 'Trump=donald-trump']);
  });

  it('keeps every candidate when nothing on the page decides', () => {
    expect(resolve('Clinton spoke.')).toEqual(['Clinton=bill-clinton|hillary-clinton']);
  });
});
