/**
 * Turns one Wikidata entity into a dataset entity. It happens in two steps because a role's
 * title and a given name are labels of *other* entities (the position, the given name's item),
 * which may come later in a dump: `draftFromWikidata` keeps what the entity itself says and
 * lists the ids whose labels it needs, and `entityFromDraft` finishes it once those labels are
 * known. Pure: the command line (src/cli/wikidata-import.ts) reads and writes the files.
 */
import type { CategoryId, Entity, Role } from './schema';
import { WikidataStatement, snakIsoDate, snakItemId, snakString, type WikidataEntity, type WikidataSnak } from './wikidata-schema';
import { aliasesFromTerms, type TermsByLanguage } from './wikidata-terms';
import { fail, ok, type Result } from './result';

/** Languages whose labels and aliases become aliases, in the order a name is chosen from. */
export const IMPORT_LANGUAGES = ['en', 'uk', 'ru', 'de', 'fr', 'es', 'pl'] as const;

/** Classes (P31 values) the import knows; anything else needs `--category`. */
export const CATEGORY_BY_CLASS: Readonly<Record<string, CategoryId>> = {
  Q5: 'person', // human
  Q43229: 'organization', // organization
  Q7278: 'organization', // political party
  Q484652: 'organization', // international organization
  Q245065: 'organization', // intergovernmental organization
  Q327333: 'organization', // government agency
  Q163740: 'organization', // nonprofit organization
  Q4830453: 'organization', // business
  Q6256: 'place', // country
  Q3624078: 'place', // sovereign state
  Q515: 'place', // city
  Q1549591: 'place', // big city
  Q5119: 'place', // capital city
  Q486972: 'place', // human settlement
  Q35657: 'place', // state of the United States
  Q131569: 'proposal', // treaty
  Q625298: 'proposal', // peace treaty
};

/** Wikidata's URL for an entity: the source of everything imported without a reference of its own. */
export function wikidataUrl(qid: string): string {
  return `https://www.wikidata.org/wiki/${qid}`;
}

interface DraftRole {
  position: string;
  from: string | null;
  to: string | null;
  /** Whether the statement has an end (P582) at all: "unknown value", or a date too vague to hold, still means it ended. */
  ended: boolean;
  /** The first https reference URL (P854) on the statement, if any. */
  reference: string | null;
}

/** What one Wikidata entity says about itself, before other entities' labels are known. */
export interface WikidataDraft {
  qid: string;
  category: CategoryId | null;
  /** The P31 classes, for the message when none is known. */
  classes: string[];
  terms: TermsByLanguage;
  description: string | null;
  roles: DraftRole[];
  givenNameItems: string[];
  birth: { date: string; reference: string | null } | null;
  /** Reference URLs (P854) from the statements the import reads, https only, in order. */
  references: string[];
  /** Wikipedia articles in the import's languages. */
  sitelinks: string[];
}

/** A message for the maintainer, placed like a lint finding: the path in the entity file. */
export interface Note {
  path: string;
  message: string;
}

/** The statements of one property that pass the schema, without deprecated ones. */
function statements(entity: WikidataEntity, property: string): Result<WikidataStatement[]> {
  const list: WikidataStatement[] = [];
  for (const [i, raw] of (entity.claims[property] ?? []).entries()) {
    const parsed = WikidataStatement.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(`claims.${property}[${i}]${issue ? `.${issue.path.join('.')}: ${issue.message}` : ': is not a statement'}`);
    }
    if (parsed.data.rank !== 'deprecated') list.push(parsed.data);
  }
  return ok(list);
}

function qualifier(statement: WikidataStatement, property: string): WikidataSnak | undefined {
  return statement.qualifiers?.[property]?.[0];
}

/** The https URLs a statement's references give in P854 (reference URL). */
function referenceUrls(statement: WikidataStatement): string[] {
  return (statement.references ?? [])
    .flatMap((ref) => (ref.snaks.P854 ?? []).map(snakString))
    .filter((url): url is string => url !== null && url.startsWith('https://'));
}

/**
 * Reads one entity. `category` overrides P31 for classes the table does not know. Returns an
 * error message for a statement that is not in Wikidata's format.
 */
export function draftFromWikidata(entity: WikidataEntity, category?: CategoryId): Result<WikidataDraft> {
  const read: Record<string, WikidataStatement[]> = {};
  for (const property of ['P31', 'P39', 'P569', 'P735']) {
    const result = statements(entity, property);
    if (!result.ok) return result;
    read[property] = result.value;
  }
  const classes = (read.P31 ?? []).map((s) => snakItemId(s.mainsnak)).filter((id): id is string => id !== null);
  const known = classes.map((c) => CATEGORY_BY_CLASS[c]).find((c) => c !== undefined);

  const roles: DraftRole[] = (read.P39 ?? []).flatMap((s) => {
    const position = snakItemId(s.mainsnak);
    if (!position) return [];
    const start = qualifier(s, 'P580');
    const end = qualifier(s, 'P582');
    return [
      {
        position,
        from: start ? snakIsoDate(start) : null,
        to: end ? snakIsoDate(end) : null,
        ended: end !== undefined && end.snaktype !== 'novalue',
        reference: referenceUrls(s)[0] ?? null,
      },
    ];
  });
  const birthStatement = read.P569?.[0];
  const birthDate = birthStatement ? snakIsoDate(birthStatement.mainsnak) : null;
  const references = [...new Set(Object.values(read).flat().flatMap(referenceUrls))];

  const terms: TermsByLanguage = {};
  for (const lang of IMPORT_LANGUAGES) {
    const label = entity.labels[lang]?.value;
    const aliases = (entity.aliases[lang] ?? []).map((a) => a.value);
    if (label !== undefined || aliases.length > 0) terms[lang] = { label: label ?? null, aliases };
  }
  const sitelinks = IMPORT_LANGUAGES.flatMap((lang) => {
    const link = entity.sitelinks[`${lang}wiki`];
    if (!link) return [];
    return [
      link.url?.startsWith('https://')
        ? link.url
        : `https://${lang}.wikipedia.org/wiki/${encodeURIComponent(link.title.replaceAll(' ', '_'))}`,
    ];
  });

  return ok({
    qid: entity.id,
    category: known ?? category ?? null,
    classes,
    terms,
    description: entity.descriptions.en?.value ?? null,
    roles,
    givenNameItems: (read.P735 ?? []).map((s) => snakItemId(s.mainsnak)).filter((id): id is string => id !== null),
    birth: birthDate && birthStatement ? { date: birthDate, reference: referenceUrls(birthStatement)[0] ?? null } : null,
    references,
    sitelinks,
  });
}

/** The ids whose English labels the draft needs: its positions and given names. */
export function labelsWanted(draft: WikidataDraft): string[] {
  return [...new Set([...draft.roles.map((r) => r.position), ...draft.givenNameItems])];
}

/** A kebab-case id from the name, or from the Wikidata id when the name has no Latin letters. */
export function entityIdFor(name: string, qid: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug === '' ? `wikidata-${qid.toLowerCase()}` : slug;
}

/** Open roles first, then the most recent start: the card shows the first current role. */
function byNewsworthiness(a: Role, b: Role): number {
  if ((a.to === undefined) !== (b.to === undefined)) return a.to === undefined ? -1 : 1;
  return a.from < b.from ? 1 : a.from > b.from ? -1 : 0;
}

/** Finishes a draft with the labels found in the input. Null (with notes) when it cannot be an entity. */
export function entityFromDraft(
  draft: WikidataDraft,
  labels: ReadonlyMap<string, string>,
  today: string,
): { entity: Entity | null; notes: Note[] } {
  const notes: Note[] = [];
  const source = wikidataUrl(draft.qid);
  if (!draft.category) {
    notes.push({
      path: 'category',
      message: `not imported: its classes (P31: ${draft.classes.join(', ') || 'none'}) are not ones the import knows; pass --category person|proposal|organization|place`,
    });
    return { entity: null, notes };
  }
  const names = aliasesFromTerms(draft.terms, IMPORT_LANGUAGES);
  notes.push(...names.notes);
  if (names.name === null) {
    notes.push({ path: 'name', message: `not imported: no label in ${IMPORT_LANGUAGES.join(', ')}` });
    return { entity: null, notes };
  }

  const roles: Role[] = [];
  for (const role of draft.roles) {
    if (role.from === null) {
      notes.push({
        path: 'roles',
        message: `position ${role.position} left out: its statement has no start date (P580) at day, month or year precision`,
      });
      continue;
    }
    if (role.to === null && role.ended) {
      // Written without an end, the role would show as held today.
      notes.push({
        path: 'roles',
        message: `position ${role.position} left out: it ended, but its end (P582) has no date the dataset can hold; write the role by hand`,
      });
      continue;
    }
    if (role.to !== null && role.to < role.from) {
      notes.push({ path: 'roles', message: `position ${role.position} left out: it ends (${role.to}) before it starts (${role.from})` });
      continue;
    }
    const label = labels.get(role.position);
    if (label === undefined)
      notes.push({
        path: `roles`,
        message: `the English label of position ${role.position} is not in the input; its title says so: add the position's entity to the input, or write the title`,
      });
    roles.push({
      title: label ?? `${role.position} (position label not in the Wikidata input)`,
      from: role.from,
      ...(role.to === null ? {} : { to: role.to }),
      source: role.reference ?? source,
    });
  }
  roles.sort(byNewsworthiness);
  if (roles.length > 64) notes.push({ path: 'roles', message: `${roles.length - 64} older roles left out: an entity holds at most 64` });

  const givenNames = draft.givenNameItems.flatMap((item) => {
    const label = labels.get(item);
    if (label === undefined)
      notes.push({ path: 'givenNames', message: `the English label of given name ${item} (P735) is not in the input; add it by hand` });
    return label === undefined ? [] : [label];
  });
  if (draft.category === 'person' && draft.givenNameItems.length === 0)
    notes.push({ path: 'givenNames', message: 'Wikidata lists no given name (P735); add them by hand' });
  if (draft.description === null)
    notes.push({ path: 'summary', message: 'Wikidata has no English description; the summary says so: write one' });

  const entity: Entity = {
    id: entityIdFor(names.name, draft.qid),
    category: draft.category,
    name: names.name,
    aliases: names.aliases,
    summary: draft.description === null ? `No English description on Wikidata (${draft.qid}).` : sentence(draft.description),
    roles: roles.slice(0, 64),
    facts: draft.birth ? [{ date: draft.birth.date, text: 'Born.', source: draft.birth.reference ?? source }] : [],
    related: [],
    ...(draft.category === 'person' && givenNames.length > 0 ? { givenNames: [...new Set(givenNames)].slice(0, 16) } : {}),
    sources: [...new Set([source, ...draft.references, ...draft.sitelinks])].slice(0, 32),
    updatedAt: today,
  };
  return { entity, notes };
}

/** Wikidata descriptions are lower-case fragments ("Danish politician"); a card shows sentences. */
function sentence(description: string): string {
  const text = description.trim().slice(0, 278);
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
