import { describe, expect, it } from 'vitest';
import { foldBase, foldForComparison, foldKey, isWordChar } from '../../src/dataset/normalize';

describe('ASCII folding tables', () => {
  // The tables are written by rule (no Unicode class is compiled at start-up); they must say
  // exactly what the classes say, or names next to a tab or a digit would match differently.
  it('agree with the Unicode word and space classes for every ASCII character', () => {
    const word = /[\p{L}\p{N}\p{M}]/u;
    const space = /\s/u;
    const wrong: string[] = [];
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      // the grave accent stands for an apostrophe, as it does in Ukrainian names typed in haste
      const base = c === 0x2d || space.test(ch) ? 0x20 : c === 0x60 ? 0x27 : c;
      const key = base >= 65 && base <= 90 ? base + 32 : base;
      if (isWordChar(c) !== word.test(ch)) wrong.push(`word ${c}`);
      if (foldBase(c) !== base) wrong.push(`base ${c}`);
      if (foldKey(c) !== key) wrong.push(`key ${c}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('Cyrillic folding', () => {
  it('folds ё to е and ґ to г, and keeps й, ї and ў as letters of their own', () => {
    expect(foldForComparison('Королёв Ґрем')).toBe(foldForComparison('Королев Грем'));
    expect(foldForComparison('Йосип')).not.toBe(foldForComparison('Иосип'));
    expect(foldForComparison('Київ')).not.toBe(foldForComparison('Кіів'));
    expect(foldForComparison('Ўладзімір')).not.toBe(foldForComparison('Уладзімір'));
  });

  it('folds every apostrophe to one, which is no word character', () => {
    const apostrophes = ["'", '’', 'ʼ', '`'].map((a) => foldForComparison(`Мар${a}яна`));
    expect(new Set(apostrophes).size).toBe(1);
    expect(isWordChar('ʼ'.charCodeAt(0))).toBe(false);
  });
});
