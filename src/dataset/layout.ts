/**
 * The dataset as maintainers edit it: a folder with one JSON file per entity
 * (`entities/<id>.json`), a metadata file (`dataset.meta.json`) and the list of given names of
 * people the dataset does not hold (`given-names.txt`, one name a line). `assembleDataset` puts
 * them together into the release file that the extension, the tests and the benchmark read
 * (`dataset.json`), and reports every problem against the file that holds it.
 *
 * Entities are put in the order of their `order` numbers (ties by id). The number lives in the
 * entity's own file, so adding, moving or removing an entity is a change to that file alone.
 *
 * Pure: the command line (src/cli/dataset-files.ts) reads and writes the files.
 */
import { z } from 'zod';
import { Dataset, Entity, parseDataset, formatPath, type DatasetError, type ParseFailure } from './schema';
import { fail, ok, type Result } from './result';

export const META_FILE = 'dataset.meta.json';
export const GIVEN_NAMES_FILE = 'given-names.txt';
export const ENTITIES_DIR = 'entities';
export const RELEASE_FILE = 'dataset.json';
/** `$schema` references, relative to the file that carries them. */
export const RELEASE_SCHEMA_REF = './dataset.schema.json';
export const META_SCHEMA_REF = './dataset.meta.schema.json';
export const ENTITY_SCHEMA_REF = '../entity.schema.json';

/** Where an entity goes in the release file: lower first; entities with the same number go by id. */
export const EntityOrder = z
  .int({
    error: (issue) =>
      issue.input === undefined ? 'is missing: a whole number that places the entity in dataset.json' : 'must be a whole number',
  })
  .nonnegative('must be 0 or more')
  .max(1_000_000_000);

/** `dataset.meta.json`: the release file without its entities and given names. */
export const DatasetMeta = Dataset.omit({ entities: true, givenNames: true });
export type DatasetMeta = z.infer<typeof DatasetMeta>;

/** `entities/<id>.json`: one entity, with its place in the release file. */
export const EntityFile = Entity.extend({ $schema: z.string().optional(), order: EntityOrder });
export type EntityFile = z.infer<typeof EntityFile>;

/** What the file header of an entity file must hold; the rest is checked as an entity. */
const EntityFileHeader = z.object({ $schema: z.string().optional(), order: EntityOrder });

export interface DatasetSources {
  /** The text of dataset.meta.json. */
  meta: string;
  /** The text of given-names.txt, or null when the folder has none. */
  givenNames: string | null;
  /** Every entities/*.json file: its name without `.json`, and its text. */
  entities: { name: string; text: string }[];
}

export interface AssembledDataset {
  dataset: Dataset;
  /** The release file's text. */
  text: string;
  /** The highest `order` of any entity file (0 when there are none): a new last entity goes above it. */
  highestOrder: number;
}

/** The names of given-names.txt: one a line; blank lines and lines starting with # are skipped. */
export function parseGivenNamesText(text: string): { name: string; line: number }[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const name = raw.trim();
    return name === '' || name.startsWith('#') ? [] : [{ name, line: i + 1 }];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `record` without `keys`, its other keys in their order. */
function without(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

function parseJson(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return fail(`is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Serialises the release file (or any dataset file) the way `build` writes it. */
export function serialise(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Assembles the release file from the folder's files. Every error names the file it is in
 * (an entity file by its id, or `dataset.meta.json`, or `given-names.txt`) and the path inside
 * it, so `roles[0].from` in `jane-example` is `entities/jane-example.json`'s first role.
 */
export function assembleDataset(sources: DatasetSources): Result<AssembledDataset, ParseFailure> {
  const errors: DatasetError[] = [];
  const fileError = (entity: string, path: string, message: string): void => void errors.push({ entity, path, message });

  const metaJson = parseJson(sources.meta);
  let meta: Record<string, unknown> = {};
  if (!metaJson.ok) fileError(META_FILE, '(file)', metaJson.error);
  else if (!isRecord(metaJson.value)) fileError(META_FILE, '(root)', 'must be a JSON object');
  else meta = metaJson.value;
  if ('entities' in meta) fileError(META_FILE, 'entities', `entities belong in ${ENTITIES_DIR}/<id>.json, one file each`);
  if ('givenNames' in meta) fileError(META_FILE, 'givenNames', `given names belong in ${GIVEN_NAMES_FILE}, one a line`);
  const metaFields = without(meta, ['$schema', 'entities', 'givenNames']);

  const givenNames = sources.givenNames === null ? null : parseGivenNamesText(sources.givenNames);

  const placed: { name: string; order: number; entity: Record<string, unknown> }[] = [];
  for (const file of sources.entities) {
    const json = parseJson(file.text);
    if (!json.ok) {
      fileError(file.name, '(file)', json.error);
      continue;
    }
    if (!isRecord(json.value)) {
      fileError(file.name, '(root)', 'must be a JSON object');
      continue;
    }
    const entity = without(json.value, ['$schema', 'order']);
    const header = EntityFileHeader.safeParse(json.value);
    if (!header.success) for (const issue of header.error.issues) fileError(file.name, formatPath(issue.path), issue.message);
    if (typeof entity.id === 'string' && entity.id !== file.name) {
      fileError(file.name, 'id', `is "${entity.id}" but the file is ${file.name}.json; name the file after the id`);
    }
    placed.push({ name: file.name, order: header.success ? header.data.order : Number.POSITIVE_INFINITY, entity });
  }
  placed.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const release: Record<string, unknown> = {
    $schema: RELEASE_SCHEMA_REF,
    ...metaFields,
    entities: placed.map((p) => p.entity),
    ...(givenNames ? { givenNames: givenNames.map((g) => g.name) } : {}),
  };
  const parsed = parseDataset(release);
  if (parsed.ok && errors.length === 0) {
    return ok({ dataset: parsed.value, text: serialise(release), highestOrder: placed.reduce((max, p) => Math.max(max, p.order), 0) });
  }
  const located = parsed.ok ? [] : parsed.error.errors.map((error) => locate(error, placed, givenNames ?? []));
  return fail({
    errors: sortByFile(
      [...errors, ...located],
      placed.map((p) => p.name),
    ),
  });
}

/** Turns a path in the assembled file (`entities[3].roles[0]`) into the file and path that hold it. */
function locate(error: DatasetError, placed: readonly { name: string }[], givenNames: readonly { line: number }[]): DatasetError {
  const entity = /^entities\[(\d+)\](?:\.(.*)|(\[.*))?$/.exec(error.path);
  if (entity) {
    const file = placed[Number(entity[1])];
    const rest = entity[2] ?? entity[3] ?? '';
    return { entity: file ? file.name : error.entity, path: rest === '' ? '(root)' : rest, message: error.message };
  }
  const given = /^givenNames\[(\d+)\]$/.exec(error.path);
  if (given) return { entity: GIVEN_NAMES_FILE, path: `line ${givenNames[Number(given[1])]?.line ?? '?'}`, message: error.message };
  if (error.path === 'givenNames') return { entity: GIVEN_NAMES_FILE, path: '(file)', message: error.message };
  if (error.path === 'entities') return { entity: ENTITIES_DIR, path: '(folder)', message: error.message };
  return { entity: META_FILE, path: error.path, message: error.message };
}

/** The metadata file first, then the given names, then the entity files in release order. */
function sortByFile(errors: DatasetError[], order: readonly string[]): DatasetError[] {
  const rank = (e: DatasetError): number => {
    if (e.entity === META_FILE) return -3;
    if (e.entity === GIVEN_NAMES_FILE) return -2;
    if (e.entity === ENTITIES_DIR) return -1;
    const at = order.indexOf(e.entity);
    return at < 0 ? order.length : at;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * The files of a folder for a dataset: the inverse of `assembleDataset`. Entities are numbered
 * in steps of 10, so a new one fits between two others without renumbering.
 */
export function splitDataset(dataset: Record<string, unknown>): {
  meta: string;
  givenNames: string | null;
  entities: { name: string; text: string }[];
} {
  const { entities, givenNames } = dataset;
  const meta = without(dataset, ['$schema', 'entities', 'givenNames']);
  const list = Array.isArray(entities) ? entities : [];
  return {
    meta: serialise({ $schema: META_SCHEMA_REF, ...meta }),
    givenNames: Array.isArray(givenNames) ? `${givenNames.map(String).join('\n')}\n` : null,
    entities: list.filter(isRecord).map((entity, i) => ({
      name: String(entity.id),
      text: serialise({ $schema: ENTITY_SCHEMA_REF, order: (i + 1) * 10, ...entity }),
    })),
  };
}
