import { describe, expect, it } from 'vitest';
import { parseDataset, formatDatasetError, type DatasetError } from '../../src/dataset/schema';
import { MINI, entity } from '../support/mini-dataset';

type Json = Record<string, unknown>;

/** A deep copy of the mini dataset, changed by `edit`. */
function broken(edit: (d: Json & { entities: Json[] }) => void): unknown {
  const copy = JSON.parse(JSON.stringify(MINI)) as Json & { entities: Json[] };
  edit(copy);
  return copy;
}

function errorsOf(input: unknown): DatasetError[] {
  const result = parseDataset(input);
  if (result.ok) throw new Error('expected the dataset to be rejected');
  return result.error.errors;
}

const first = (d: { entities: Json[] }): Json => d.entities[0] as Json;

describe('parseDataset', () => {
  it('accepts a valid dataset', () => {
    expect(parseDataset(MINI).ok).toBe(true);
  });

  const cases: [string, unknown, Partial<DatasetError>][] = [
    [
      'an unknown key on an entity',
      broken((d) => {
        first(d).nickname = 'x';
      }),
      { entity: 'marco-rubio', path: 'entities[0]', message: 'unknown key: nickname' },
    ],
    [
      'an unknown key at the top',
      broken((d) => {
        d.extra = 1;
      }),
      { entity: '-', path: '(root)', message: 'unknown key: extra' },
    ],
    [
      'a duplicate id',
      broken((d) => {
        (d.entities[1] as Json).id = 'marco-rubio';
      }),
      { entity: 'marco-rubio', path: 'entities[1].id', message: 'duplicate id "marco-rubio"' },
    ],
    [
      'an id that is not kebab-case',
      broken((d) => {
        first(d).id = 'Marco_Rubio';
      }),
      { entity: 'Marco_Rubio', path: 'entities[0].id' },
    ],
    [
      'a related id that does not exist',
      broken((d) => {
        first(d).related = ['nobody'];
      }),
      { entity: 'marco-rubio', path: 'entities[0].related[0]', message: 'no entity has id "nobody"' },
    ],
    [
      'a non-ISO date',
      broken((d) => {
        first(d).updatedAt = '01/12/2025';
      }),
      { entity: 'marco-rubio', path: 'entities[0].updatedAt' },
    ],
    [
      'an impossible date',
      broken((d) => {
        first(d).updatedAt = '2025-02-30';
      }),
      { path: 'entities[0].updatedAt', message: 'is not a real calendar date' },
    ],
    [
      'a review date that is not a full day',
      broken((d) => {
        first(d).reviewedAt = '2026-12';
      }),
      { entity: 'marco-rubio', path: 'entities[0].reviewedAt', message: 'must be an ISO date: YYYY-MM-DD' },
    ],
    [
      'a role that ends before it starts',
      broken((d) => {
        (first(d).roles as Json[])[0] = { title: 'x', from: '2025-01-02', to: '2025-01-01', source: 'https://a.example' };
      }),
      { path: 'entities[0].roles[0].to', message: 'ends (2025-01-01) before it starts (2025-01-02)' },
    ],
    [
      'a non-https source',
      broken((d) => {
        first(d).sources = ['http://example.com'];
      }),
      { path: 'entities[0].sources[0]', message: 'must be an https:// URL' },
    ],
    [
      'a javascript: URL in a role source',
      broken((d) => {
        (first(d).roles as Json[])[0] = { title: 'x', from: '2025-01-01', source: 'javascript:alert(1)' };
      }),
      { path: 'entities[0].roles[0].source', message: 'must be an https:// URL' },
    ],
    [
      'an entity without sources',
      broken((d) => {
        first(d).sources = [];
      }),
      { path: 'entities[0].sources', message: 'needs at least one source' },
    ],
    [
      'an alias shared without both marking it ambiguous',
      broken((d) => {
        (d.entities[1] as Json).aliases = ['Rubio'];
      }),
      { path: 'entities[1].aliases[0]', message: expect.stringContaining('alias "rubio" is shared by') as unknown as string },
    ],
    [
      'a summary over 280 characters',
      broken((d) => {
        first(d).summary = 'x'.repeat(281);
      }),
      { path: 'entities[0].summary' },
    ],
    [
      'a huge string',
      broken((d) => {
        first(d).name = 'x'.repeat(5_000_000);
      }),
      { path: 'entities[0].name' },
    ],
    [
      'an empty name',
      broken((d) => {
        first(d).name = '   ';
      }),
      { path: 'entities[0].name', message: 'must not be empty' },
    ],
    [
      'an unknown category',
      broken((d) => {
        first(d).category = 'celebrity';
      }),
      { path: 'entities[0].category' },
    ],
    [
      'a fact without a date',
      broken((d) => {
        first(d).facts = [{ text: 'x', source: 'https://a.example' }];
      }),
      { path: 'entities[0].facts[0].date' },
    ],
    [
      'a version that is not a positive integer',
      broken((d) => {
        d.version = 1.5;
      }),
      { path: 'version' },
    ],
    [
      'a version given as a string',
      broken((d) => {
        d.version = '3';
      }),
      { path: 'version' },
    ],
    [
      'a wrong schema version',
      broken((d) => {
        d.schemaVersion = 2;
      }),
      { path: 'schemaVersion' },
    ],
    [
      'a bad colour',
      broken((d) => {
        (d.categories as Record<string, Json>).person!.color = 'blue';
      }),
      { path: 'categories.person.color' },
    ],
    [
      'a missing category',
      broken((d) => {
        delete (d.categories as Json).place;
      }),
      { path: 'categories.place' },
    ],
    [
      'an alias object with an unknown flag',
      broken((d) => {
        first(d).aliases = [{ text: 'Rubio', fuzzy: true }];
      }),
      { path: 'entities[0].aliases[0]' },
    ],
  ];

  it.each(cases)('rejects %s with a pointed message', (_what, input, expected) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual(expect.objectContaining(expected));
  });

  it('rejects non-object JSON', () => {
    for (const input of [null, 42, 'dataset', [], true]) {
      expect(errorsOf(input)[0]).toMatchObject({ entity: '-', path: '(root)' });
    }
  });

  it('rejects a million entities quickly, without parsing them', () => {
    const huge = { ...MINI, entities: new Array(1_000_000).fill(MINI.entities[0]) };
    expect(errorsOf(huge)).toEqual([{ entity: '-', path: 'entities', message: 'has 1000000 entities; at most 200000 are allowed' }]);
  });

  it('reports every problem at once, one error per problem', () => {
    const errors = errorsOf(
      broken((d) => {
        first(d).sources = ['http://example.com'];
        (d.entities[2] as Json).updatedAt = 'yesterday';
        (d.entities[3] as Json).related = ['ghost'];
      }),
    );
    expect(errors.map(formatDatasetError)).toEqual([
      'marco-rubio  entities[0].sources[0]  must be an https:// URL',
      'donald-trump-jr  entities[2].updatedAt  must be an ISO date: YYYY-MM-DD (or YYYY-MM, YYYY)',
      'vladimir-putin  entities[3].related[0]  no entity has id "ghost"',
    ]);
  });

  it('allows a shared alias when every entity marks it ambiguous', () => {
    const ok = parseDataset({
      ...MINI,
      entities: [
        ...MINI.entities,
        entity('george-w-bush', 'person', 'George W. Bush', [{ text: 'Bush', ambiguous: true }]),
        entity('george-h-w-bush', 'person', 'George H. W. Bush', [{ text: 'Bush', ambiguous: true }]),
      ],
    });
    expect(ok.ok).toBe(true);
  });
});
