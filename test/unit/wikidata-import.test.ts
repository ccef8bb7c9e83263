import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importWikidata, runWikidataImport, type WikidataImportOptions } from '../../src/cli/wikidata-import';
import { assembleDataset } from '../../src/dataset/layout';
import type { Entity } from '../../src/dataset/schema';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(ROOT, 'test/fixtures/wikidata');
const HENNING = join(FIXTURES, 'Q646148-henning-christophersen.dump.json');
const ADAMS = join(FIXTURES, 'Q42-douglas-adams.wbgetentities.json');
const MITSOTAKIS = join(FIXTURES, 'Q312013-konstantinos-mitsotakis.dump.json');
const META = readFileSync(resolve(ROOT, 'assets/dataset/dataset.meta.json'), 'utf8');
const TODAY = '2026-12-05';

/** The one entity line of the Henning fixture (a dump: "[", one entity, "]"). */
const henningLine = readFileSync(HENNING, 'utf8').split('\n')[1] ?? '';
const adamsEntity = (JSON.parse(readFileSync(ADAMS, 'utf8')) as { entities: { Q42: unknown } }).entities.Q42;

/** A stand-in position or given name, so that the test can tell a label found in the input from one made up. */
function labelLine(id: string): string {
  return JSON.stringify({ type: 'item', id, labels: { en: { language: 'en', value: `label of ${id} from the input` } }, claims: {} });
}

function dump(lines: string[]): string {
  return `[\n${lines.join(',\n')}\n]\n`;
}

interface Run {
  code: number;
  out: string[];
  err: string[];
  dir: string;
  files: Record<string, Entity & { order: number; $schema: string }>;
}

async function run(
  input: string | Buffer,
  extra: Partial<WikidataImportOptions> = {},
  dir = mkdtempSync(join(tmpdir(), 'backstory-wikidata-')),
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const result = await importWikidata(
    {
      open: () => Readable.from([typeof input === 'string' ? Buffer.from(input) : input]),
      name: 'input.json',
      outDir: dir,
      today: TODAY,
      ...extra,
    },
    (l) => out.push(l),
    (l) => err.push(l),
  );
  const files = Object.fromEntries(
    readdirSync(dir).map((n) => [n.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, n), 'utf8')) as Run['files'][string]]),
  );
  return { code: result.code, out, err, dir, files };
}

/** The folder as `npm run dataset -- build` would assemble it, with the bundled metadata. */
function build(dir: string): ReturnType<typeof assembleDataset> {
  const entities = readdirSync(dir).map((n) => ({ name: n.replace(/\.json$/, ''), text: readFileSync(join(dir, n), 'utf8') }));
  return assembleDataset({ meta: META, givenNames: null, entities });
}

describe('import wikidata: a real politician from a JSON dump', () => {
  it('writes an entity file that builds into a valid dataset, with dated roles, multilingual aliases and sources', async () => {
    const result = await run(readFileSync(HENNING));
    expect(result.code).toBe(0);
    const built = build(result.dir);
    expect(built.ok ? [] : built.error.errors).toEqual([]);
    const entity = result.files['henning-christophersen'];
    expect(entity).toMatchObject({
      id: 'henning-christophersen',
      category: 'person',
      name: 'Henning Christophersen',
      summary: 'Danish politician (1939-2016).',
      updatedAt: TODAY,
    });
    expect(entity).not.toHaveProperty('reviewedAt');
    // Every P39 statement with a start date, newest first, at the precision Wikidata records.
    expect(entity?.roles.map((r) => [r.from, r.to])).toEqual([
      ['1989-01-06', '1995-01-22'],
      ['1985-01-06', '1995-01-22'],
      ['1982-09-10', '1984-07-23'],
      ['1978-08-30', '1979-10-26'],
      ['1977', '1984'],
    ]);
    expect(entity?.aliases).toContainEqual({ text: 'Хеннинг Кристоферсен', lang: 'ru' });
    expect(entity?.aliases).toContainEqual({ text: 'Hennin Christophersen', lang: 'es' });
    expect(entity?.facts).toEqual([{ date: '1939-11-08', text: 'Born.', source: 'https://www.wikidata.org/wiki/Q646148' }]);
    expect(entity?.sources[0]).toBe('https://www.wikidata.org/wiki/Q646148');
    expect(entity?.sources).toContain('https://de.wikipedia.org/wiki/Henning_Christophersen');
  });

  it('says which position labels are missing rather than inventing titles', async () => {
    const result = await run(readFileSync(HENNING));
    expect(result.files['henning-christophersen']?.roles[2]?.title).toBe('Q5449541 (position label not in the Wikidata input)');
    expect(result.err).toContain(
      "henning-christophersen  roles  the English label of position Q5449541 is not in the input; its title says so: add the position's entity to the input, or write the title",
    );
    expect(result.err).toContain(
      'henning-christophersen  givenNames  the English label of given name Q18607880 (P735) is not in the input; add it by hand',
    );
    expect(result.err.filter((l) => l.includes('Q12311817 left out: its statement has no start date'))).toHaveLength(7);
  });

  it('takes role titles and given names from other entities in the same dump, before or after the person', async () => {
    const positions = ['Q5449541', 'Q6866144', 'Q651703', 'Q1780230', 'Q64852347', 'Q12311817'].map(labelLine);
    const after = await run(dump([henningLine, ...positions, labelLine('Q18607880')]), { ids: new Set(['Q646148']) });
    const before = await run(dump([...positions, labelLine('Q18607880'), henningLine]), { ids: new Set(['Q646148']) });
    for (const result of [after, before]) {
      expect(result.code).toBe(0);
      const entity = result.files['henning-christophersen'];
      expect(entity?.roles[2]?.title).toBe('label of Q5449541 from the input');
      expect(entity?.givenNames).toEqual(['label of Q18607880 from the input']);
      expect(Object.keys(result.files)).toEqual(['henning-christophersen']);
    }
  });

  it('says which labels it could not use when the input cannot be read twice', async () => {
    const positions = ['Q5449541'].map(labelLine);
    const result = await run(dump([...positions, henningLine]), { ids: new Set(['Q646148']), rereadable: false });
    expect(result.files['henning-christophersen']?.roles[2]?.title).toBe('Q5449541 (position label not in the Wikidata input)');
    expect(result.err[0]).toMatch(
      /^input\.json: is read once, so the labels of Q5449541, .+ count only where they come after the entity that names them; give a file to read them wherever they are$/,
    );
  });

  it('reads the gzipped dump the same way', async () => {
    const plain = await run(readFileSync(HENNING));
    const gzipped = await run(gzipSync(readFileSync(HENNING)));
    expect(gzipped.code).toBe(0);
    expect(gzipped.files).toEqual(plain.files);
  });
});

describe('import wikidata: a real politician with his positions and given name in the same dump', () => {
  it("titles every role with the position's real English label and fills in the given name", async () => {
    const result = await run(readFileSync(MITSOTAKIS), { ids: new Set(['Q312013']) });
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(build(result.dir).ok).toBe(true);
    // Only the person is imported: his positions and given name are read for their labels.
    expect(Object.keys(result.files)).toEqual(['konstantinos-mitsotakis']);
    const entity = result.files['konstantinos-mitsotakis'];
    expect(entity).toMatchObject({
      name: 'Konstantinos Mitsotakis',
      category: 'person',
      summary: 'Greek politician.',
      givenNames: ['Konstantinos'],
    });
    expect(entity?.roles.slice(0, 3).map((r) => [r.title, r.from, r.to])).toEqual([
      ['Minister for Foreign Affairs of Greece', '1992-04-14', '1992-08-07'],
      ['Prime Minister of Greece', '1990-04-11', '1993-10-13'],
      ['Leader of the Opposition', '1984-09-01', '1989-10-12'],
    ]);
    expect(new Set(entity?.roles.map((r) => r.title))).toEqual(
      new Set([
        'Prime Minister of Greece',
        'Member of the Hellenic Parliament',
        'Minister for Foreign Affairs of Greece',
        'Finance minister of Greece',
        'Minister of Coordination of Greece',
        'Leader of the Opposition',
        'Éllinas Ypougrós Ikonomikón',
      ]),
    );
    expect(entity?.aliases).toContainEqual({ text: 'Константінос Міцотакіс', lang: 'uk' });
    expect(entity?.aliases).toContainEqual({ text: 'Konstandinos Mitsotakis', lang: 'pl' });
    expect(entity?.facts).toEqual([{ date: '1918-10-18', text: 'Born.', source: 'https://www.wikidata.org/wiki/Q312013' }]);
  });

  it("without the positions' lines, the same person gets the missing-label titles instead", async () => {
    const [personLine = ''] = readFileSync(MITSOTAKIS, 'utf8').split('\n').slice(1, 2);
    const result = await run(dump([personLine.replace(/,$/, '')]));
    const titles = result.files['konstantinos-mitsotakis']?.roles.map((r) => r.title) ?? [];
    expect(titles).toHaveLength(12);
    expect(titles.every((t) => t.endsWith('(position label not in the Wikidata input)'))).toBe(true);
    expect(result.files['konstantinos-mitsotakis']).not.toHaveProperty('givenNames');
  });
});

describe('import wikidata: roles that would mislead', () => {
  it('leaves out a role that ended on an unknown day rather than show it as held today', async () => {
    const item = (id: string) => ({
      snaktype: 'value',
      property: 'P39',
      datavalue: { type: 'wikibase-entityid', value: { 'entity-type': 'item', id } },
    });
    const day = (time: string) => ({
      snaktype: 'value',
      property: 'P580',
      datavalue: { type: 'time', value: { time, precision: 11, calendarmodel: 'http://www.wikidata.org/entity/Q1985727' } },
    });
    // A made-up person, to test the mapping alone.
    const person = {
      type: 'item',
      id: 'Q900000001',
      labels: { en: { language: 'en', value: 'Test Person' } },
      descriptions: { en: { language: 'en', value: 'made-up person for a test' } },
      claims: {
        P31: [{ mainsnak: { ...item('Q5'), property: 'P31' }, rank: 'normal' }],
        P39: [
          {
            mainsnak: item('Q900000002'),
            rank: 'normal',
            qualifiers: { P580: [day('+2001-01-01T00:00:00Z')], P582: [{ snaktype: 'somevalue', property: 'P582' }] },
          },
          { mainsnak: item('Q900000003'), rank: 'normal', qualifiers: { P580: [day('+2010-01-01T00:00:00Z')] } },
          { mainsnak: item('Q900000004'), rank: 'deprecated', qualifiers: { P580: [day('+2012-01-01T00:00:00Z')] } },
        ],
      },
    };
    const result = await run(dump([JSON.stringify(person)]));
    expect(result.files['test-person']?.roles.map((r) => [r.title, r.from, r.to])).toEqual([
      ['Q900000003 (position label not in the Wikidata input)', '2010-01-01', undefined],
    ]);
    expect(result.err).toContain(
      'test-person  roles  position Q900000002 left out: it ended, but its end (P582) has no date the dataset can hold; write the role by hand',
    );
  });
});

describe('import wikidata: a wbgetentities response', () => {
  it('imports Douglas Adams (Q42) with his English aliases, an acronym only in context', async () => {
    const result = await run(readFileSync(ADAMS));
    expect(result.code).toBe(0);
    expect(build(result.dir).ok).toBe(true);
    const entity = result.files['douglas-adams'];
    expect(entity).toMatchObject({ name: 'Douglas Adams', category: 'person', summary: 'English writer and humorist.', roles: [] });
    expect(entity?.aliases).toContainEqual({ text: 'DNA', acronym: true, needsContext: true, lang: 'en' });
    expect(entity?.facts[0]?.date).toBe('1952-03-11');
  });

  it('reads the same entities from one-line responses and from dump lines without the array brackets', async () => {
    const oneLine = await run(`${JSON.stringify({ entities: { Q42: adamsEntity, Q404: { id: 'Q404', missing: '' } }, success: 1 })}\n`);
    const bare = await run(`${JSON.stringify(adamsEntity)}\n${henningLine}\n`);
    const pretty = await run(readFileSync(ADAMS));
    expect(oneLine.code).toBe(0);
    expect(oneLine.files).toEqual(pretty.files);
    expect(Object.keys(bare.files).sort()).toEqual(['douglas-adams', 'henning-christophersen']);
  });

  it('imports only the ids asked for, and says which are not in the input', async () => {
    const both = dump([henningLine, JSON.stringify(adamsEntity)]);
    const result = await run(both, { ids: new Set(['Q42', 'Q99999999']) });
    expect(Object.keys(result.files)).toEqual(['douglas-adams']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Q99999999  (input)  is not in input.json');
  });
});

describe('import wikidata: bad input', () => {
  it('names the line that is not JSON, and writes nothing', async () => {
    const result = await run(`[\n${henningLine},\n{"type":"item","id":"Q2",\n]\n`);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^input\.json: line 3: is not JSON \(.+\); expected one Wikidata entity per line, as in the JSON dumps$/);
    expect(result.err[1]).toBe('nothing written');
    expect(result.files).toEqual({});
  });

  it("names the line and the field of a statement that is not in Wikidata's format", async () => {
    const broken = JSON.stringify({
      type: 'item',
      id: 'Q7',
      labels: { en: { language: 'en', value: 'Broken' } },
      claims: { P39: [{ mainsnak: { snaktype: 'value' } }] },
    });
    const result = await run(dump([JSON.stringify(adamsEntity), broken]));
    expect(result.err[0]).toBe(
      'input.json: line 3: Q7 claims.P39[0].mainsnak.property: Invalid input: expected string, received undefined',
    );
    expect(result.files).toEqual({});
  });

  it("refuses JSON that is not Wikidata's, and bzip2, with a reason", async () => {
    expect((await run('{"hello": "world"}\n')).err[0]).toBe(
      'input.json: line 1: is not a Wikidata entity: id: Invalid input: expected string, received undefined',
    );
    expect((await run('plain text\n')).err[0]).toMatch(/^input\.json: line 1: is neither the start of a JSON dump/);
    expect((await run(Buffer.from('BZh91AY&SY'))).err[0]).toBe(
      'input.json: line 1: is bzip2-compressed; use the .json.gz dump, or pipe it in: bzip2 -dc <file> | npm run dataset -- import wikidata -',
    );
  });

  it('says when a gzipped dump is cut short', async () => {
    const gzipped = gzipSync(readFileSync(HENNING));
    const result = await run(gzipped.subarray(0, gzipped.length - 40));
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^input\.json: line \d+: cannot be read: unexpected end of file$/);
    expect(result.files).toEqual({});
  });

  it('rejects a malformed --ids list before reading anything', async () => {
    const err: string[] = [];
    const code = await runWikidataImport(
      [HENNING, '--ids', 'Q1,zelensky'],
      { outDir: tmpdir(), today: TODAY },
      () => undefined,
      (l) => err.push(l),
    );
    expect(code).toBe(2);
    expect(err).toEqual(['--ids must list item ids separated by commas: --ids Q3874799,Q646148']);
  });
});

describe('import wikidata: a file a maintainer already keeps', () => {
  it('keeps what the maintainer wrote, adds new aliases and sources, and leaves the review to them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-wikidata-'));
    const handWritten = {
      $schema: '../entity.schema.json',
      order: 40,
      id: 'henning-christophersen',
      category: 'person',
      name: 'Henning Christophersen',
      givenNames: ['Henning'],
      aliases: ['Christophersen'],
      summary: 'Danish politician, European Commissioner from 1985 to 1995.',
      roles: [
        {
          title: 'Vice-President of the European Commission',
          from: '1985-01-06',
          to: '1995-01-22',
          source: 'https://example.org/commission',
        },
      ],
      facts: [],
      related: [],
      sources: ['https://example.org/profile'],
      updatedAt: '2026-01-10',
      reviewedAt: '2026-01-10',
    };
    writeFileSync(join(dir, 'henning-christophersen.json'), JSON.stringify(handWritten));
    const result = await run(readFileSync(HENNING), {}, dir);
    const entity = result.files['henning-christophersen'];
    expect(entity).toMatchObject({
      order: 40,
      summary: handWritten.summary,
      roles: handWritten.roles,
      givenNames: ['Henning'],
      reviewedAt: '2026-01-10',
      updatedAt: TODAY,
    });
    expect(entity?.aliases[0]).toBe('Christophersen');
    expect(entity?.aliases).toContainEqual({ text: 'Хеннинг Кристоферсен', lang: 'ru' });
    expect(entity?.sources.slice(0, 2)).toEqual(['https://example.org/profile', 'https://www.wikidata.org/wiki/Q646148']);
    expect(entity?.facts).toHaveLength(1);
    expect(result.out[0]).toMatch(
      /^updated \(aliases \(\+3\), sources \(\+7\), facts; your fields kept; reviewedAt 2026-01-10 predates the additions: review them\) {2}henning-christophersen\.json/,
    );
    expect(build(dir).ok).toBe(true);
  });
});
