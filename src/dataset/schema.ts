/**
 * The context dataset's schema. Everything that reads a dataset (the background installer,
 * the maintainers' command line, the tests) parses it through `parseDataset`, so there is
 * exactly one definition of what a valid dataset is. TypeScript types are inferred from it.
 */
import { z } from 'zod';
import { CATEGORY_IDS, perCategory } from './categories';
import { crossEntityIssues } from './cross-entity';
import { fail, ok, type Result } from './result';

export const SCHEMA_VERSION = 1;
/** A cap well above any real dataset, so a hostile file cannot make parsing run for minutes. */
export const MAX_ENTITIES = 200_000;

export { CATEGORY_IDS } from './categories';
export { aliasesWithName, aliasIsAmbiguous, aliasIsCaseSensitive, aliasNeedsContext, aliasText, looksLikeAcronym } from './aliases';
export const CategoryId = z.enum(CATEGORY_IDS);
export type CategoryId = z.infer<typeof CategoryId>;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const EntityId = z.string().max(120).regex(KEBAB, 'must be kebab-case: lower-case letters and digits joined by single hyphens');

/**
 * ISO 8601 calendar dates, with reduced precision allowed for the rare fact whose day is not
 * on record ("2014", "2014-09"). Checked as a real date, so "2025-02-30" fails.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, { message: 'must be an ISO date: YYYY-MM-DD (or YYYY-MM, YYYY)', abort: true })
  .refine(isRealDate, 'is not a real calendar date');

function isRealDate(value: string): boolean {
  const [y, m = 1, d = 1] = value.split('-').map(Number);
  if (y === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A full calendar day, YYYY-MM-DD: for dates that are always known to the day. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be an ISO date: YYYY-MM-DD', abort: true })
  .refine(isRealDate, 'is not a real calendar date');

export const HttpsUrl = z
  .string()
  .max(2000)
  .regex(/^https:\/\//, { message: 'must be an https:// URL', abort: true })
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// URL');

import { Alias, LanguageCode, Text } from './alias-schema';
export { Alias, LanguageCode } from './alias-schema';

export const Role = z.strictObject({
  title: Text(160),
  organization: Text(160).optional(),
  from: IsoDate,
  to: IsoDate.optional(),
  /** How the role ended, in a word or two ("resigned", "term ended"). */
  endReason: Text(60).optional(),
  source: HttpsUrl,
});
export type Role = z.infer<typeof Role>;

export const Fact = z.strictObject({
  date: IsoDate,
  text: Text(280),
  source: HttpsUrl,
});
export type Fact = z.infer<typeof Fact>;

export const Entity = z.strictObject({
  id: EntityId,
  category: CategoryId,
  name: Text(160),
  aliases: z.array(Alias).max(64),
  summary: Text(280),
  roles: z.array(Role).max(64),
  facts: z.array(Fact).max(64),
  related: z.array(EntityId).max(64),
  /**
   * People only: the given names that may stand right before the surname, with their usual
   * short forms ("Steve", "Steven"). A surname alias right after any other given name is
   * someone else ("Melania Trump"). Middle names are not listed: "John Trump" is not Donald
   * Trump, and "Donald John Trump" belongs in the aliases.
   */
  givenNames: z.array(Text(60)).max(16).optional(),
  /**
   * People only: the gender their names take where names inflect (src/dataset/inflect). Without
   * it, the name's endings decide, which fails for a few names ("Mykola" is a man's).
   */
  gender: z.enum(['female', 'male']).optional(),
  sources: z.array(HttpsUrl).min(1, 'needs at least one source').max(32),
  updatedAt: IsoDate,
  /**
   * The day a maintainer last checked the entity's roles and facts against sources. Cards show
   * a current role as "as of <that day>" instead of "now" once it is more than 120 days old
   * (or, when there is none, as of `updatedAt`); `npm run dataset -- lint` warns likewise.
   */
  reviewedAt: IsoDay.optional(),
  /**
   * The entity's text in other languages, keyed by language code. `roleTitles` and `facts`
   * follow the order of `roles` and `facts`; `null` leaves that one in English.
   */
  translations: z
    .record(
      LanguageCode,
      z.strictObject({
        summary: Text(280).optional(),
        roleTitles: z.array(Text(160).nullable()).max(64).optional(),
        facts: z.array(Text(280).nullable()).max(64).optional(),
      }),
    )
    .optional(),
});
export type Entity = z.infer<typeof Entity>;

export const Category = z.strictObject({
  label: Text(40),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a7f37'),
  enabledByDefault: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const Dataset = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: EntityId,
  version: z.int().positive().max(Number.MAX_SAFE_INTEGER),
  publishedAt: IsoDate,
  title: Text(120),
  /** Where readers report a wrong fact; the card links here with the entity id prefilled. */
  issueTracker: HttpsUrl.optional(),
  categories: z.strictObject(perCategory(() => Category)),
  entities: z.array(Entity).max(MAX_ENTITIES),
  /**
   * Given names of people the dataset does not hold, beside its people's own `givenNames`:
   * "Melania" or "Barron" before "Trump" marks a different person. Leave out names that are
   * also ordinary words at the start of a sentence ("Will", "May").
   */
  givenNames: z.array(Text(60)).max(50_000).optional(),
});
export type Dataset = z.infer<typeof Dataset>;

export interface DatasetError {
  /** The entity's id when the problem is inside one entity, otherwise "-". */
  entity: string;
  /** A JSON path such as `entities[3].roles[0].to`. */
  path: string;
  message: string;
}

/**
 * Why a dataset (or a file that goes into one) was refused: every problem found, in file order.
 * `stopped`: checking stopped after MAX_PARSE_ERRORS errors, so there may be more.
 */
export interface ParseFailure {
  errors: DatasetError[];
  stopped?: true;
}

/**
 * Parsing stops once this many problems are found: a file broken in every one of 200,000
 * entities would otherwise be checked to the end, for a report nobody reads past the start.
 */
export const MAX_PARSE_ERRORS = 200;

/** The dataset's top level, with its entities left to be checked one by one. */
const DatasetTop = Dataset.extend({ entities: z.array(z.unknown()).max(MAX_ENTITIES) });

/** Parses unknown JSON into a dataset, reporting its problems together (up to MAX_PARSE_ERRORS). */
export function parseDataset(input: unknown): Result<Dataset, ParseFailure> {
  // Checked before parsing each entity: a million entities would otherwise all be parsed first.
  if (isRecord(input) && Array.isArray(input.entities) && input.entities.length > MAX_ENTITIES) {
    return fail({
      errors: [{ entity: '-', path: 'entities', message: `has ${input.entities.length} entities; at most ${MAX_ENTITIES} are allowed` }],
    });
  }
  const errors: (DatasetError & { order: number })[] = [];
  const top = DatasetTop.safeParse(input);
  if (!top.success) for (const issue of top.error.issues) errors.push(describeIssue(issue.path, issue, input));
  const rawEntities: unknown[] = isRecord(input) && Array.isArray(input.entities) ? input.entities : [];
  const entities: Entity[] = [];
  let stopped = false;
  for (let i = 0; i < rawEntities.length; i++) {
    if (errors.length >= MAX_PARSE_ERRORS) {
      stopped = true;
      break;
    }
    const entity = Entity.safeParse(rawEntities[i]);
    if (entity.success) entities.push(entity.data);
    else for (const issue of entity.error.issues) errors.push(describeIssue(['entities', i, ...issue.path], issue, input));
  }
  if (!stopped) for (const issue of crossEntityIssues(input)) errors.push(describeIssue(issue.path, issue, input));
  if (top.success && errors.length === 0) return ok({ ...top.data, entities });
  const sorted = errors.sort((a, b) => a.order - b.order || 0).map(({ order: _order, ...e }) => e);
  return fail(stopped ? { errors: sorted, stopped: true } : { errors: sorted });
}

/** Errors are listed entity by entity, in file order; top-level ones come first. */
function describeIssue(
  issuePath: readonly PropertyKey[],
  issue: { message: string; code?: string; keys?: string[] },
  input: unknown,
): DatasetError & { order: number } {
  const path = formatPath(issuePath);
  let entity = '-';
  let order = -1;
  if (issuePath[0] === 'entities' && typeof issuePath[1] === 'number') {
    order = issuePath[1];
    const raw = isRecord(input) && Array.isArray(input.entities) ? (input.entities as unknown[])[issuePath[1]] : undefined;
    entity = isRecord(raw) && typeof raw.id === 'string' && raw.id.length <= 120 ? raw.id : `#${issuePath[1]}`;
  }
  let message = issue.message;
  if (issue.code === 'unrecognized_keys' && issue.keys)
    message = `unknown key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  return { entity, path: path || '(root)', message, order };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function formatDatasetError(error: DatasetError): string {
  return `${error.entity}  ${error.path}  ${error.message}`;
}
