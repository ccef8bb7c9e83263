// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { Card, describeRoles, factsFor, type CardProps } from '../../src/content/card';
import { EntityCard } from '../../src/dataset/cards';

const S = 'https://example.org/source';
const yermak: EntityCard = {
  id: 'andriy-yermak',
  category: 'person',
  name: 'Andriy Yermak',
  summary: 'Ran the Ukrainian president’s office. <img src=x onerror=alert(1)>',
  roles: [
    { title: 'Head of the Office of the President of Ukraine', from: '2020-02-11', to: '2025-11-28', endReason: 'resigned', source: S },
  ],
  facts: [
    { date: '2025-12-02', text: 'A fact from after the article.', source: S },
    { date: '2025-11-23', text: 'Led the delegation in Geneva.', source: S },
    { date: '2025-03-11', text: 'Was in Jeddah.', source: S },
    { date: '2024-01-01', text: 'Older.', source: S },
    { date: '2023-01-01', text: 'Oldest.', source: S },
  ],
  related: [{ id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky' }],
  sources: ['https://en.wikipedia.org/wiki/Andriy_Yermak'],
  updatedAt: '2025-12-01',
};

/** A stand-in for browser.i18n that fills placeholders the way _locales does. */
const t = (key: string, subs?: string | string[]): string => {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const templates: Record<string, string> = {
    card_then: 'then: $1',
    card_now: 'now: $1',
    card_as_of: 'as of $1: $2',
    card_former: 'Former $1',
    card_ended: '$1 $2',
    card_related: 'Related',
    card_sources: 'Sources',
    card_report: 'Report an error',
    card_report_include_page: "include this page's address",
    card_candidates: 'This name could mean:',
    card_dataset: '$1 · v$2 · $3',
    category_person: 'People',
  };
  return (templates[key] ?? key).replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
};

function mount(props: Partial<CardProps> = {}): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(
    <Card
      cards={[yermak]}
      articleDate="2025-11-27"
      today="2025-12-05"
      dataset={{ title: 'Core', version: 3, publishedAt: '2025-12-01', issueTracker: 'https://github.com/backstory-news/dataset/issues' }}
      pageUrl="https://news.example/story?id=1"
      t={t}
      pageLang="en"
      uiLang="en"
      onOpenRelated={() => undefined}
      {...props}
    />,
    root,
  );
  return root;
}

describe('the card', () => {
  it('shows the role on the article’s date and what became of it', () => {
    const root = mount();
    expect(root.querySelector('.role')?.textContent).toBe(
      'then: Head of the Office of the President of Ukraine · now: resigned 28 Nov 2025',
    );
  });

  it('shows a role that had already ended as former', () => {
    expect(describeRoles(yermak.roles, '2025-12-05', '2025-12-05', t)).toEqual({
      then: 'Former Head of the Office of the President of Ukraine',
      now: null,
      asOf: null,
    });
  });

  it('lists at most three facts, the newest up to the article’s date', () => {
    expect(factsFor(yermak.facts, '2025-11-27').map((f) => f.text)).toEqual(['Led the delegation in Geneva.', 'Was in Jeddah.', 'Older.']);
    const root = mount();
    expect(root.querySelectorAll('.facts li')).toHaveLength(3);
  });

  it('renders dataset text as text, never as HTML', () => {
    const root = mount();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.summary')?.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('opens sources in a new tab without an opener or referrer', () => {
    const link = mount().querySelector('.sources a');
    expect(link?.getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Andriy_Yermak');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('links no source and no report address that is not https:, however the card was stored', () => {
    const planted = { ...yermak, sources: ['javascript:alert(document.cookie)', 'https://en.wikipedia.org/wiki/Andriy_Yermak'] };
    const root = mount({
      cards: [planted],
      dataset: { title: 'Core', version: 3, publishedAt: '2025-12-01', issueTracker: 'javascript:alert(1)' },
    });
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://en.wikipedia.org/wiki/Andriy_Yermak']);
  });

  it('refuses a stored card whose sources are not https: links', () => {
    expect(EntityCard.safeParse(yermak).success).toBe(true);
    expect(EntityCard.safeParse({ ...yermak, sources: ['javascript:alert(1)'] }).success).toBe(false);
    expect(EntityCard.safeParse({ ...yermak, roles: [{ ...yermak.roles[0], source: 'http://en.wikipedia.org/' }] }).success).toBe(false);
    expect(EntityCard.safeParse({ ...yermak, facts: [{ date: '2025-01-01', text: 'x', source: 'data:text/html,hi' }] }).success).toBe(
      false,
    );
  });

  it('opens a related entity’s card when its chip is chosen', () => {
    const onOpenRelated = vi.fn();
    const root = mount({ onOpenRelated });
    (root.querySelector('.related button') as HTMLButtonElement).click();
    expect(onOpenRelated).toHaveBeenCalledWith('volodymyr-zelensky');
  });

  it('prefills an error report with the entity, and adds the page only when the reader ticks the box', async () => {
    const root = mount();
    const link = (): URL => new URL((root.querySelector('.report a') as HTMLAnchorElement).href);
    expect(link().searchParams.get('title')).toBe('Error in andriy-yermak');
    expect(link().searchParams.get('body')).not.toContain('news.example');
    (root.querySelector('.report input') as HTMLInputElement).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(link().searchParams.get('body')).toContain('Page: https://news.example/story\n');
  });

  it('sends only the page’s origin and path: no query, fragment or credentials', async () => {
    const root = mount({ pageUrl: 'https://reader:secret@news.example/2025/story.html?session=abc123&utm_source=x#comments' });
    (root.querySelector('.report input') as HTMLInputElement).click();
    await new Promise((r) => setTimeout(r, 0));
    const body = new URL((root.querySelector('.report a') as HTMLAnchorElement).href).searchParams.get('body') ?? '';
    expect(body).toBe('Entity: andriy-yermak\nPage: https://news.example/2025/story.html\n\nWhat is wrong:\n');
  });

  it('lists every candidate for an unresolved ambiguous name', () => {
    const root = mount({ cards: [yermak, { ...yermak, id: 'other', name: 'Another Yermak' }] });
    expect(root.querySelector('.ambiguous')?.textContent).toBe('This name could mean:');
    expect([...root.querySelectorAll('.name')].map((n) => n.textContent)).toEqual(['Andriy Yermak', 'Another Yermak']);
  });

  it('names the dataset’s version and date', () => {
    expect(mount().querySelector('footer')?.textContent).toBe('Core · v3 · 1 Dec 2025');
  });

  describe('a role shown as held today, when nobody has checked it for more than 120 days', () => {
    const umerov: EntityCard = {
      ...yermak,
      id: 'rustem-umerov',
      name: 'Rustem Umerov',
      roles: [
        { title: 'Secretary of the National Security and Defense Council', from: '2025-07-17', source: S },
        { title: 'Minister of Defence', from: '2023-09-06', to: '2025-07-17', source: S },
      ],
      updatedAt: '2025-12-01',
    };
    const roleLine = (card: EntityCard, articleDate: string, today: string): string | null | undefined =>
      mount({ cards: [card], articleDate, today }).querySelector('.role')?.textContent;

    it('is shown as of the last review instead of "now"', () => {
      const reviewed = { ...umerov, reviewedAt: '2026-08-06' };
      expect(roleLine(reviewed, '2025-06-01', '2026-12-05')).toBe(
        'then: Minister of Defence · as of 6 Aug 2026: Secretary of the National Security and Defense Council',
      );
      // 120 days after the review it is still "now".
      expect(roleLine(reviewed, '2025-06-01', '2026-12-04')).toBe(
        'then: Minister of Defence · now: Secretary of the National Security and Defense Council',
      );
    });

    it('is shown as of the entity’s last update when it was never reviewed', () => {
      expect(roleLine(umerov, '2025-06-01', '2026-12-05')).toBe(
        'then: Minister of Defence · as of 1 Dec 2025: Secretary of the National Security and Defense Council',
      );
    });

    it('is dated too when it is also the role on the article’s date', () => {
      expect(roleLine(umerov, '2026-12-01', '2026-12-05')).toBe('as of 1 Dec 2025: Secretary of the National Security and Defense Council');
      expect(roleLine({ ...umerov, reviewedAt: '2026-12-05' }, '2026-12-01', '2026-12-05')).toBe(
        'Secretary of the National Security and Defense Council',
      );
    });

    it('leaves roles that have ended as they are: their end is on record', () => {
      expect(roleLine(yermak, '2025-11-27', '2026-12-05')).toBe(
        'then: Head of the Office of the President of Ukraine · now: resigned 28 Nov 2025',
      );
      expect(roleLine({ ...umerov, roles: umerov.roles.slice(1) }, '2025-08-01', '2026-12-05')).toBe('Former Minister of Defence');
    });
  });
});
