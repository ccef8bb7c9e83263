// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Card, formatDay } from '../../src/content/card';
import { buildCards, type EntityCard } from '../../src/dataset/cards';
import { localizeCard, primaryLanguage } from '../../src/dataset/card-language';
import { parseDataset } from '../../src/dataset/schema';
import { dataset, entity } from '../support/mini-dataset';

const S = 'https://example.org/source';
const umerov: EntityCard = {
  id: 'rustem-umerov',
  category: 'person',
  name: 'Rustem Umerov',
  summary: 'Ukrainian politician who leads Ukraine’s delegation in the peace talks.',
  roles: [{ title: 'Secretary of the National Security and Defense Council', organization: 'NSDC', from: '2025-07-17', source: S }],
  facts: [{ date: '2025-11-23', text: 'Led the delegation in Geneva.', source: S }],
  related: [],
  sources: [S],
  updatedAt: '2025-12-01',
  reviewedAt: '2025-12-01',
  translations: {
    uk: {
      summary: 'Український політик, який очолює делегацію України на мирних переговорах.',
      roleTitles: ['Секретар Ради національної безпеки і оборони'],
    },
  },
};

const t = (key: string, subs?: string | string[]): string => {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const templates: Record<string, string> = { card_in_english: 'in English', card_in_english_all: 'Shown in English.' };
  return (templates[key] ?? key).replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
};

function mount(card: EntityCard, pageLang: string, uiLang = 'en'): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(
    <Card
      cards={[card]}
      articleDate="2025-11-30"
      today="2025-12-05"
      dataset={null}
      pageUrl="https://news.example/a"
      t={t}
      pageLang={pageLang}
      uiLang={uiLang}
      onOpenRelated={() => undefined}
    />,
    root,
  );
  return root;
}

describe('a card in the page’s language', () => {
  it('shows the Ukrainian summary and role title on a Ukrainian page, marked uk for screen readers', () => {
    const root = mount(umerov, 'uk-UA', 'uk');
    expect(root.querySelector('.summary')?.textContent).toBe(umerov.translations?.uk?.summary);
    expect(root.querySelector('.summary')?.getAttribute('lang')).toBe('uk');
    expect(root.querySelector('.role')?.textContent).toBe('Секретар Ради національної безпеки і оборони');
    expect(root.querySelector('.role')?.getAttribute('lang')).toBe('uk');
    expect(root.querySelector('.card')?.getAttribute('lang')).toBe('uk');
  });

  it('marks the text it lacks in that language as English, and only that text', () => {
    const root = mount(umerov, 'uk');
    const fact = root.querySelector('.facts li');
    expect(fact?.getAttribute('lang')).toBe('en');
    expect(fact?.querySelector('.in-english')?.textContent).toContain('in English');
    expect(root.querySelector('.summary .in-english')).toBeNull();
    expect(root.querySelector('.in-english-all')).toBeNull();
  });

  it('says once that a card with no text in the page’s language is shown in English', () => {
    const root = mount(umerov, 'fr');
    expect(root.querySelector('.in-english-all')?.textContent).toBe('Shown in English.');
    expect(root.querySelectorAll('.in-english')).toHaveLength(0);
    expect(root.querySelector('.summary')?.textContent).toBe(umerov.summary);
    expect(root.querySelector('.summary')?.getAttribute('lang')).toBe('en');
  });

  it('adds no marks on an English page, or one whose language is not given', () => {
    for (const lang of ['en-GB', '']) {
      const root = mount(umerov, lang);
      expect(root.querySelector('.summary')?.textContent).toBe(umerov.summary);
      expect(root.querySelectorAll('.in-english, .in-english-all')).toHaveLength(0);
    }
  });

  it('reads language tags by their primary subtag', () => {
    expect(primaryLanguage('uk-UA')).toBe('uk');
    expect(primaryLanguage('RU')).toBe('ru');
    expect(primaryLanguage('')).toBe('en');
    expect(primaryLanguage('x')).toBe('en');
    expect(localizeCard(umerov, 'de').summaryLang).toBe('en');
  });

  it('writes dates in the UI language', () => {
    expect(formatDay('2025-11-28')).toBe('28 Nov 2025');
    expect(formatDay('2025-11-28', 'uk')).toMatch(/^28 лист/);
    expect(formatDay('2025', 'uk')).toBe('2025');
  });

  it('keeps translated facts with their facts when cards put the newest first', () => {
    const person = entity('a-person', 'person', 'Ann Person', [], {
      facts: [
        { date: '2020-01-01', text: 'Old.', source: S },
        { date: '2024-01-01', text: 'New.', source: S },
      ],
      translations: { uk: { facts: ['Давнє.', 'Нове.'] } },
    });
    const parsed = parseDataset(dataset([person]));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.errors));
    const [card] = buildCards(parsed.value);
    expect(card?.facts.map((f) => f.text)).toEqual(['New.', 'Old.']);
    expect(card?.translations?.uk?.facts).toEqual(['Нове.', 'Давнє.']);
  });
});

describe('translations in the dataset', () => {
  it('are refused when they list more role titles or facts than the entity has, since they pair up by position', () => {
    const person = entity('a-person', 'person', 'Ann Person', [], { translations: { uk: { roleTitles: ['Перша', 'Друга'] } } });
    const parsed = parseDataset(dataset([person]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.errors[0]?.path).toBe('entities[0].translations.uk.roleTitles');
  });
});
