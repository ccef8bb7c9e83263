/**
 * `npm run dataset -- lint`, rule by rule, on small datasets. Every run passes --today, so no
 * result depends on the day the tests run. The lists are the maintainers' own, in
 * assets/dataset/lint/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDatasetCli } from '../../src/cli/dataset';
import { parseLintList } from '../../src/dataset/lint';
import { splitDataset } from '../../src/dataset/layout';
import type { Entity } from '../../src/dataset/schema';
import { dataset } from '../support/mini-dataset';

const dir = mkdtempSync(join(tmpdir(), 'backstory-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TODAY = '2026-12-05';

/** An entity that breaks no rule on TODAY: reviewed, specifically sourced, roles ended. */
function clean(id: string, extra: Partial<Entity> = {}): Entity {
  const name = id
    .split('-')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(' ');
  return {
    id,
    category: 'person',
    name,
    givenNames: [name.split(' ')[0] ?? name],
    aliases: [],
    summary: `${name}, a minister in a made-up government.`,
    roles: [{ title: 'Minister of Tests', from: '2020-01-01', to: '2024-01-01', source: `https://news.example/${id}/appointed` }],
    facts: [{ date: '2023-05-01', text: 'Opened the test talks.', source: `https://news.example/${id}/talks` }],
    related: [],
    sources: [`https://en.wikipedia.org/wiki/${id}`, `https://news.example/${id}`],
    updatedAt: '2026-11-01',
    reviewedAt: '2026-11-01',
    ...extra,
  };
}

let files = 0;
function write(...entities: Entity[]): string {
  const path = join(dir, `d${files++}.json`);
  writeFileSync(path, JSON.stringify(dataset(entities)));
  return path;
}

function lint(path: string, ...flags: string[]): { code: number; lines: string[]; summary: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDatasetCli(
    ['lint', path, '--today', TODAY, ...flags],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  expect(err).toEqual([]);
  return { code, lines: out.slice(0, -1), summary: out.at(-1) ?? '' };
}

describe('npm run dataset -- lint', () => {
  it('passes a dataset that breaks no rule, and says so in its summary', () => {
    const result = lint(write(clean('jane-example'), clean('john-example')));
    expect(result).toMatchObject({ code: 0, lines: [] });
    expect(result.summary).toMatch(/^0 errors, 0 warnings in .*d\d+\.json, reviews judged on 2026-12-05 \(at most 120 days old\)$/);
  });

  it('warns about an entity never reviewed, or reviewed more than --max-age days ago (120 by default)', () => {
    const path = write(
      clean('never-reviewed', { reviewedAt: undefined }),
      clean('reviewed-long-ago', { reviewedAt: '2026-08-06' }),
      clean('reviewed-120-days-ago', { reviewedAt: '2026-08-07' }),
      clean('reviewed-tomorrow', { reviewedAt: '2026-12-06' }),
    );
    const result = lint(path);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      'never-reviewed  entities[0].reviewedAt  warning [unreviewed] never reviewed: check its roles and facts against current sources, then set "reviewedAt"',
      'reviewed-long-ago  entities[1].reviewedAt  warning [unreviewed] last reviewed 2026-08-06, 121 days before 2026-12-05 (more than 120)',
      'reviewed-tomorrow  entities[3].reviewedAt  warning [unreviewed] 2026-12-06 is after today (2026-12-05)',
    ]);
    expect(result.summary).toMatch(/^0 errors, 3 warnings \(unreviewed 3\) in /);
    expect(lint(path, '--max-age', '200').lines).toHaveLength(2);
  });

  it('warns about an open-ended role that has not been reviewed lately, as the card shows it', () => {
    const open = [{ title: 'Minister of Tests', from: '2020-01-01', source: 'https://news.example/appointed' }];
    const result = lint(
      write(
        clean('stale-minister', { roles: open, reviewedAt: undefined, updatedAt: '2025-12-01' }),
        clean('checked-minister', { roles: open }),
      ),
    );
    expect(result.lines).toContain(
      'stale-minister  entities[0].roles[0]  warning [open-role] "Minister of Tests" has no end date and was not reviewed in the last 120 days; a card showing it as held today says "as of 2025-12-01", not "now"',
    );
    expect(result.lines.filter((l) => l.startsWith('checked-minister'))).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('fails on a role or fact whose source is a front page, not the page that says it', () => {
    const result = lint(
      write(
        clean('jane-example', {
          roles: [{ title: 'Minister of Tests', from: '2020-01-01', to: '2024-01-01', source: 'https://www.gov.example/' }],
          facts: [
            { date: '2023-05-01', text: 'Opened the test talks.', source: 'https://news.example' },
            { date: '2023-06-01', text: 'Closed them.', source: 'https://news.example/?p=1234' },
          ],
          sources: ['https://news.example/', 'https://en.wikipedia.org/wiki/Jane'],
        }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'jane-example  entities[0].roles[0].source  error [homepage-source] https://www.gov.example/ is a front page; cite the page that states this role',
      'jane-example  entities[0].facts[0].source  error [homepage-source] https://news.example is a front page; cite the page that states this fact',
    ]);
    expect(result.summary).toMatch(/^2 errors \(homepage-source 2\), 0 warnings in /);
  });

  it('warns about an entity whose only sources are Wikipedia', () => {
    const wiki = 'https://en.wikipedia.org/wiki/Jane_Example';
    const result = lint(
      write(
        clean('wiki-only', {
          sources: [wiki],
          roles: [{ title: 'Minister', from: '2020-01-01', to: '2024-01-01', source: wiki }],
          facts: [{ date: '2023-05-01', text: 'A fact.', source: 'https://uk.m.wikipedia.org/wiki/Jane' }],
        }),
        clean('wiki-and-news', { sources: [wiki], roles: [{ title: 'Minister', from: '2020-01-01', to: '2024-01-01', source: wiki }] }),
      ),
    );
    expect(result.lines).toEqual([
      'wiki-only  entities[0].sources  warning [wikipedia-only] every source is Wikipedia; add a primary or news source for its roles and facts',
    ]);
    expect(result.code).toBe(0);
  });

  it('fails on a source from a domain maintainers mark unreliable, subdomains included', () => {
    const result = lint(
      write(
        clean('jane-example', {
          facts: [{ date: '2023-05-01', text: 'Opened the test talks.', source: 'https://www.theonion.com/jane-opens-talks' }],
        }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'jane-example  entities[0].facts[0].source  error [unreliable-source] cites www.theonion.com, which maintainers mark unreliable (theonion.com in unreliable-domains.txt)',
    ]);
  });

  it('warns about loaded words in a summary, whole words only, a space matching a hyphen', () => {
    const result = lint(
      write(
        clean('jane-example', { summary: 'A firebrand minister of the Far Right party.' }),
        clean('john-example', { summary: 'Served in a regimental band; never controversially.' }),
      ),
    );
    expect(result.lines).toEqual([
      'jane-example  entities[0].summary  warning [loaded-word] "firebrand" is a loaded word (loaded-words.txt); say what happened instead',
      'jane-example  entities[0].summary  warning [loaded-word] "Far Right" is a loaded word (loaded-words.txt); say what happened instead',
    ]);
  });

  it('fails on a person without given names, and only on people', () => {
    const result = lint(
      write(clean('jane-example', { givenNames: undefined }), clean('example-city', { category: 'place', givenNames: undefined })),
    );
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'jane-example  entities[0].givenNames  error [no-given-names] a person needs givenNames (the names that may stand before the surname), or "Melania Trump" reads as Donald Trump',
    ]);
  });

  it('fails, with the validator’s message, on an alias two entities share without both marking it ambiguous', () => {
    const result = lint(
      write(
        clean('jane-example', { aliases: ['Minister Example'] }),
        clean('john-example', { aliases: [{ text: 'Minister Example', ambiguous: true }] }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'jane-example  entities[0].aliases[0]  error [invalid] alias "minister example" is shared by jane-example, john-example; mark it ambiguous in every entity that uses it',
    ]);
    expect(result.summary).toMatch(/^1 error \(invalid 1\), 0 warnings in /);
  });

  it('warns about an alias that is also a common word and would match it, unless a rule tells them apart', () => {
    const result = lint(
      write(
        clean('peace-summit', {
          category: 'proposal',
          givenNames: undefined,
          aliases: ['{the |}Summit', { text: 'Accord', needsContext: true }],
        }),
        clean('mike-pence', {
          aliases: ['Pence', { text: 'pence', caseSensitive: true }, { text: 'Will', caseSensitive: false, notFollowedBy: ['be'] }],
        }),
        clean('jane-example', { aliases: [{ text: 'Turkey', caseSensitive: false }] }),
      ),
    );
    expect(result.lines).toEqual([
      'peace-summit  entities[0].aliases[0]  warning [common-word-alias] "Summit" is also an ordinary word (common-words.txt) and matches it in running text; add "needsContext", "notFollowedBy"/"notPrecededBy", or make it case-sensitive',
      'mike-pence  entities[1].aliases[1]  warning [common-word-alias] "pence" is also an ordinary word (common-words.txt) and matches it in running text; add "needsContext", "notFollowedBy"/"notPrecededBy", or make it case-sensitive',
      'jane-example  entities[2].aliases[0]  warning [common-word-alias] "Turkey" is also an ordinary word (common-words.txt) and matches it in running text; add "needsContext", "notFollowedBy"/"notPrecededBy", or make it case-sensitive',
    ]);
    expect(result.code).toBe(0);
  });

  it('gives paths inside each entity’s file when it lints a dataset folder', () => {
    const folder = join(dir, 'folder');
    const split = splitDataset({ ...dataset([clean('jane-example', { reviewedAt: undefined })]) });
    mkdirSync(join(folder, 'entities'), { recursive: true });
    writeFileSync(join(folder, 'dataset.meta.json'), split.meta);
    for (const e of split.entities) writeFileSync(join(folder, 'entities', `${e.name}.json`), e.text);
    expect(lint(folder).lines).toEqual([
      'jane-example  reviewedAt  warning [unreviewed] never reviewed: check its roles and facts against current sources, then set "reviewedAt"',
    ]);
  });

  it('refuses a --today or --max-age it cannot read', () => {
    const err: string[] = [];
    expect(
      runDatasetCli(
        ['lint', '--today', '5/12/2026'],
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(
      runDatasetCli(
        ['lint', '--today', TODAY, '--max-age', 'soon'],
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err).toEqual(['--today must be a day written YYYY-MM-DD', '--max-age must be a whole number of days']);
  });

  it('reads the maintainers’ lists line by line and names the line of a bad entry', () => {
    expect(parseLintList('unreliableDomains', '# satire\n\nTheOnion.com\n')).toEqual({ ok: true, value: ['theonion.com'] });
    expect(parseLintList('unreliableDomains', 'ok.example\nhttps://bad.example/page\n')).toEqual({
      ok: false,
      error: {
        errors: [
          {
            entity: 'unreliable-domains.txt',
            path: 'line 2',
            message: 'must be a domain name such as example.com (no scheme, path or spaces)',
          },
        ],
      },
    });
    expect(parseLintList('loadedWords', 'so-called\nfar right\n')).toEqual({ ok: true, value: ['so-called', 'far right'] });
  });

  it('warns about an inflected form that the stop list leaves out, or that spells another name', () => {
    const result = lint(
      write(
        clean('andrzej-duda', { aliases: [{ text: 'Duda', lang: 'pl' }] }),
        clean('petr-pavel', { givenNames: ['Petr'], aliases: [{ text: 'Pavel', lang: 'cs' }] }),
        clean('pavla-example', { givenNames: ['Pavla'], aliases: [{ text: 'Pavlovi', lang: 'cs' }] }),
      ),
    );
    expect(result.code).toBe(0);
    expect(result.lines.filter((l) => l.includes('[inflected-form]'))).toEqual([
      'andrzej-duda  entities[0].aliases[0]  warning [inflected-form] the pl form "Dudy" is on the stop list (a common word) and is left out',
      'andrzej-duda  entities[0].aliases[0]  warning [inflected-form] the pl form "Dudę" is on the stop list (a common word) and is left out',
      'andrzej-duda  entities[0].aliases[0]  warning [inflected-form] the pl form "Dudą" is on the stop list (a common word) and is left out',
      'petr-pavel  entities[1].aliases[0]  warning [inflected-form] the cs form "Pavla" is on the stop list (a common word) and is left out',
      'petr-pavel  entities[1].aliases[0]  warning [inflected-form] the cs form "Pavlovi" is also an alias of pavla-example; add it to the cs stop list in src/dataset/inflect if it should not match',
    ]);
  });
});
