// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { languageFromTag, languageFromText, pageLanguage } from '../../src/content/page-language';

describe('the page language', () => {
  it('takes <html lang>, its primary subtag in lower case', () => {
    const root = document.createElement('html');
    root.setAttribute('lang', 'uk-UA');
    expect(pageLanguage(root, 'Putin met Trump.')).toBe('uk');
    expect(languageFromTag('CS')).toBe('cs');
    // country codes where the language belongs, as some Ukrainian and Czech sites write them
    expect(languageFromTag('ua')).toBe('uk');
    expect(languageFromTag('cz')).toBe('cs');
    expect(languageFromTag('  ')).toBe('');
    expect(languageFromTag('x-klingon-long')).toBe('');
  });

  it('guesses from the letters only some languages use when the page does not say', () => {
    const root = document.createElement('html');
    expect(pageLanguage(root, 'Президент України Володимир Зеленський провів зустріч із Віткоффом і Кушнером.')).toBe('uk');
    expect(
      languageFromText(
        'Президент России Владимир Путин принял в Кремле Стива Уиткоффа и Джареда Кушнера; ' +
          'переговоры были долгими, сообщил Песков. Стороны обсудили вопросы мирного урегулирования.',
      ),
    ).toBe('ru');
    expect(languageFromText('Prezydent Ukrainy Wołodymyr Zełenski spotkał się z wysłannikiem Trumpa w piątek, powiedział rzecznik.')).toBe(
      'pl',
    );
    expect(
      languageFromText(
        'Ukrajinský prezident Volodymyr Zelenskyj přijel do Bílého domu, kde bude jednat s Trumpem. Řekl, že válka musí skončit.',
      ),
    ).toBe('cs');
    expect(
      languageFromText(
        'Der ukrainische Präsident Selenskyj traf den Sondergesandten Witkoff; Gespräche über Sicherheitsgarantien müssen weitergehen.',
      ),
    ).toBe('de');
  });

  it('reads a long page in stretches, so an English menu at the top does not decide', () => {
    const menu = 'Home World Politics Business Sport Culture Opinion Video Podcasts Newsletters Sign in Subscribe. '.repeat(60);
    const article = 'Президент України Володимир Зеленський провів зустріч із Віткоффом і Кушнером у Маямі. '.repeat(250);
    expect(menu.length).toBeGreaterThan(4000);
    expect(languageFromText(menu + article)).toBe('uk');
    expect(languageFromText(menu + menu)).toBe('');
  });

  it('guesses nothing from English, or from too few telltale letters', () => {
    expect(languageFromText('President Zelensky met Steve Witkoff and Jared Kushner in Miami on Sunday.')).toBe('');
    expect(languageFromText('A long English article that quotes one Czech name, Dvořák, in passing and nothing else at all.')).toBe('');
  });
});
