/**
 * `npm run dataset -- import wikidata <file> [--ids Q1,Q2] [--out dir] [--category c] [--today YYYY-MM-DD]`
 *
 * Reads Wikidata entity JSON (a dump, gzipped or not, or a wbgetentities response) as a stream
 * and writes one entity file per imported entity into `dir` (default: the bundled dataset's
 * entities/). It never fetches anything: maintainers download the JSON themselves.
 *
 * With --ids only those entities are imported, and every other line of a dump is skipped
 * without being parsed. Without it, every entity of a known class is imported, up to
 * MAX_IMPORTED. Positions and given names are labels of other entities in the same input:
 * they are collected on the way, and a second pass picks up those that came first.
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { CategoryId, Entity, IsoDay } from '../dataset/schema';
import { ENTITY_SCHEMA_REF, EntityFile, serialise } from '../dataset/layout';
import { WikidataEntity, WikidataId } from '../dataset/wikidata-schema';
import { draftFromWikidata, entityFromDraft, labelsWanted, wikidataUrl, type Note, type WikidataDraft } from '../dataset/wikidata-map';
import { mergeImported } from '../dataset/wikidata-merge';
import { fail, ok, type Result } from '../dataset/result';
import { readWikidataEntities, WikidataInputError } from './wikidata-stream';

type Out = (line: string) => void;

/** Without --ids, a file with more entities of known classes than this is a dump that wants filtering. */
export const MAX_IMPORTED = 5000;

export interface WikidataImportOptions {
  /** Opens the input from its start; called again for the second pass. */
  open: () => Readable;
  /** False for standard input, which cannot be read a second time. */
  rereadable?: boolean;
  /** Shown in messages. */
  name: string;
  ids?: ReadonlySet<string>;
  outDir: string;
  today: string;
  category?: CategoryId;
}

export interface WikidataImportResult {
  code: number;
  /** The files written, by entity id. */
  written: string[];
}

interface Collected {
  drafts: Map<string, WikidataDraft>;
  labels: Map<string, string>;
  /** Ids whose labels the drafts need. */
  wanted: Set<string>;
  /** Wanted ids met after they were wanted: a second pass cannot find more about them. */
  met: Set<string>;
}

/** One pass over the input. `labelsOnly`: the second pass, which only looks for wanted labels. */
async function pass(options: WikidataImportOptions, collected: Collected, labelsOnly: boolean): Promise<void> {
  for await (const raw of readWikidataEntities(options.open())) {
    const interesting = (id: string): boolean =>
      collected.wanted.has(id) || (!labelsOnly && (options.ids === undefined || options.ids.has(id)));
    if (raw.id !== undefined && !interesting(raw.id)) continue;
    const parsed = WikidataEntity.safeParse(raw.parse());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WikidataInputError(
        raw.line,
        `is not a Wikidata entity: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape'}`,
      );
    }
    const entity = parsed.data;
    if (!interesting(entity.id)) continue;
    if (collected.wanted.has(entity.id) && !collected.labels.has(entity.id)) {
      collected.met.add(entity.id);
      const label = entity.labels.en?.value;
      if (label !== undefined) collected.labels.set(entity.id, label);
    }
    if (labelsOnly || collected.drafts.has(entity.id) || !WikidataId.safeParse(entity.id).success) continue;
    // Entities read only for their labels (positions, given names) are not imported.
    if (options.ids ? !options.ids.has(entity.id) : entity.type !== 'item') continue;
    const draft = draftFromWikidata(entity, options.category);
    if (!draft.ok) throw new WikidataInputError(raw.line, `${entity.id} ${draft.error}`);
    // Without --ids, entities of unknown classes (positions, given names) are only looked up.
    if (options.ids === undefined && draft.value.category === null) continue;
    if (collected.drafts.size >= MAX_IMPORTED)
      throw new WikidataInputError(raw.line, `more than ${MAX_IMPORTED} entities to import; choose them with --ids Q…,Q…`);
    collected.drafts.set(entity.id, draft.value);
    for (const id of labelsWanted(draft.value)) collected.wanted.add(id);
  }
}

/** The entity files in the folder, by their id and by the Wikidata items they cite. */
function existingFiles(dir: string): { byId: Map<string, Record<string, unknown>>; byQid: Map<string, string>; highestOrder: number } {
  const byId = new Map<string, Record<string, unknown>>();
  const byQid = new Map<string, string>();
  let highestOrder = 0;
  if (!existsSync(dir)) return { byId, byQid, highestOrder };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    const file = z.looseObject({ id: z.string(), order: z.number().optional(), sources: z.array(z.string()).optional() }).safeParse(value);
    if (!file.success) continue;
    byId.set(file.data.id, file.data);
    highestOrder = Math.max(highestOrder, file.data.order ?? 0);
    for (const source of file.data.sources ?? []) {
      const qid = /^https:\/\/www\.wikidata\.org\/wiki\/(Q\d+)$/.exec(source)?.[1];
      if (qid) byQid.set(qid, file.data.id);
    }
  }
  return { byId, byQid, highestOrder };
}

export async function importWikidata(options: WikidataImportOptions, out: Out, err: Out): Promise<WikidataImportResult> {
  const collected: Collected = { drafts: new Map(), labels: new Map(), wanted: new Set(), met: new Set() };
  try {
    await pass(options, collected, false);
    // Labels of entities that came before the one that needs them: read the input once more.
    const unmet = [...collected.wanted].filter((id) => !collected.met.has(id));
    if (unmet.length > 0 && options.rereadable !== false) await pass(options, collected, true);
    else if (unmet.length > 0)
      err(
        `${options.name}: is read once, so the labels of ${unmet.join(', ')} count only where they come after the entity that names them; give a file to read them wherever they are`,
      );
  } catch (error) {
    if (error instanceof WikidataInputError) {
      err(`${options.name}: ${error.message}`);
      err('nothing written');
      return { code: 1, written: [] };
    }
    throw error;
  }

  let code = 0;
  for (const id of options.ids ?? []) {
    if (!collected.drafts.has(id)) {
      err(`${id}  (input)  is not in ${options.name}`);
      code = 1;
    }
  }
  mkdirSync(options.outDir, { recursive: true });
  const existing = existingFiles(options.outDir);
  let order = Math.ceil((existing.highestOrder + 1) / 10) * 10;
  const written: string[] = [];
  for (const draft of collected.drafts.values()) {
    const { entity, notes } = entityFromDraft(draft, collected.labels, options.today);
    const label = entity?.id ?? draft.qid;
    for (const note of notes) err(formatNote(label, note));
    if (!entity) {
      code = 1;
      continue;
    }
    const result = writeEntity(options.outDir, entity, draft.qid, existing, order, options.today);
    if (!result.ok) {
      for (const line of result.error) err(`${entity.id}  ${line}`);
      code = 1;
      continue;
    }
    const { id, summary, placed } = result.value;
    if (placed) order += 10;
    written.push(id);
    out(`${summary}  ${id}.json  from ${wikidataUrl(draft.qid)}`);
  }
  if (written.length > 0)
    out(
      `${written.length} file${written.length === 1 ? '' : 's'} in ${options.outDir}; nothing is reviewed: check each, then set reviewedAt. Next: npm run dataset -- build, then lint`,
    );
  return { code, written };
}

function formatNote(entity: string, note: Note): string {
  return `${entity}  ${note.path}  ${note.message}`;
}

/** A written file: its id, what changed, and whether it took a new `order`; or why not (one line each). */
type WriteResult = Result<{ id: string; summary: string; placed: boolean }, string[]>;

/** Writes a new file, or lays the import over the maintainer's file for the same item. */
function writeEntity(
  dir: string,
  imported: Entity,
  qid: string,
  existing: ReturnType<typeof existingFiles>,
  order: number,
  today: string,
): WriteResult {
  const id = existing.byQid.get(qid) ?? imported.id;
  const current = existing.byId.get(id);
  let file: Record<string, unknown>;
  let summary: string;
  if (current) {
    const fields = Object.fromEntries(Object.entries(current).filter(([key]) => key !== '$schema' && key !== 'order'));
    const parsed = Entity.safeParse(fields);
    if (!parsed.success) return fail([`(file)  ${id}.json exists but is not a valid entity; fix it before importing into it`]);
    const merged = mergeImported(parsed.data, imported, today);
    if (merged.changed.length === 0) return ok({ id, summary: 'unchanged', placed: false });
    file = { $schema: ENTITY_SCHEMA_REF, order: current.order, ...merged.entity };
    const reviewed =
      merged.entity.reviewedAt === undefined ? '' : `; reviewedAt ${merged.entity.reviewedAt} predates the additions: review them`;
    summary = `updated (${merged.changed.join(', ')}; your fields kept${reviewed})`;
  } else {
    file = { $schema: ENTITY_SCHEMA_REF, order, ...imported };
    summary = 'wrote';
  }
  const checked = EntityFile.safeParse(file);
  if (!checked.success) return fail(checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}  ${i.message}`));
  writeFileSync(join(dir, `${id}.json`), serialise(file));
  return ok({ id, summary, placed: !current });
}

const Ids = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  )
  .pipe(z.array(WikidataId).min(1));

/** Parses the command's arguments (after `import wikidata`) and runs it. */
export async function runWikidataImport(
  args: readonly string[],
  defaults: { outDir: string; today: string },
  out: Out,
  err: Out,
): Promise<number> {
  const usage =
    'usage: npm run dataset -- import wikidata <file.json|file.json.gz|-> [--ids Q1,Q2] [--out dir] [--category person|proposal|organization|place] [--today YYYY-MM-DD]';
  const valued = new Set(['--ids', '--out', '--category', '--today']);
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  // "-" is standard input, for a dump decompressed on the fly (bzip2 -dc latest-all.json.bz2 | …).
  const files = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const unknown = args.filter((a) => a.startsWith('--') && !valued.has(a));
  const [file] = files;
  if (!file || files.length > 1 || unknown.length > 0) {
    err(usage);
    return 2;
  }
  const ids = flag('--ids') === undefined ? undefined : Ids.safeParse(flag('--ids'));
  if (ids && !ids.success) {
    err('--ids must list item ids separated by commas: --ids Q3874799,Q646148');
    return 2;
  }
  const category = flag('--category') === undefined ? undefined : CategoryId.safeParse(flag('--category'));
  if (category && !category.success) {
    err('--category must be person, proposal, organization or place');
    return 2;
  }
  const today = IsoDay.safeParse(flag('--today') ?? defaults.today);
  if (!today.success) {
    err('--today must be a day written YYYY-MM-DD');
    return 2;
  }
  if (file !== '-' && !existsSync(file)) {
    err(`${file} does not exist; download the JSON first (see docs/maintainers.md, "Importing from Wikidata")`);
    return 2;
  }
  const result = await importWikidata(
    {
      open: () => (file === '-' ? process.stdin : createReadStream(file)),
      name: file === '-' ? 'standard input' : file,
      rereadable: file !== '-',
      ...(ids ? { ids: new Set(ids.data) } : {}),
      outDir: flag('--out') ?? defaults.outDir,
      today: today.data,
      ...(category ? { category: category.data } : {}),
    },
    out,
    err,
  );
  return result.code;
}
