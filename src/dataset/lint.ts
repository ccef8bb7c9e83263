/**
 * `npm run dataset -- lint`: checks that keep the data true and fair, beyond what the schema
 * can say. Errors are things that must not ship (a claim with no specific source, a source
 * maintainers marked unreliable, a person the matcher cannot tell from their relatives);
 * warnings are a maintainer's work list (claims not checked lately, thin sourcing, loaded
 * words, aliases that are also ordinary words). The word and domain lists are kept by
 * maintainers in assets/dataset/lint/. Pure: the command line reads the files.
 */
import { z } from 'zod';
import {
  aliasesWithName,
  aliasIsCaseSensitive,
  aliasText,
  type Alias,
  type Dataset,
  type DatasetError,
  type Entity,
  type ParseFailure,
} from './schema';
import { fail, ok, type Result } from './result';
import { expandAliasTemplate, foldForComparison } from './normalize';
import { asOfDate, daysBetween } from './review';
import { inflectedFormCollisions } from './inflect/collisions';

export type LintSeverity = 'error' | 'warning';

/** Each rule and its severity. `invalid` is the validator's own errors (shared aliases among them). */
export const LINT_RULES = {
  invalid: 'error',
  'homepage-source': 'error',
  'unreliable-source': 'error',
  'no-given-names': 'error',
  unreviewed: 'warning',
  'open-role': 'warning',
  'wikipedia-only': 'warning',
  'loaded-word': 'warning',
  'common-word-alias': 'warning',
  'inflected-form': 'warning',
} as const satisfies Record<string, LintSeverity>;
export type LintRule = keyof typeof LINT_RULES;

export interface LintFinding {
  /** The entity's id, or a list file's name for a problem in a list. */
  entity: string;
  /** A JSON path inside the entity (`roles[0].source`). */
  path: string;
  rule: LintRule;
  severity: LintSeverity;
  message: string;
}

export interface LintLists {
  /** Domains whose pages are not to be cited; a listed domain covers its subdomains. */
  unreliableDomains: readonly string[];
  /** Words and phrases that judge rather than describe, not to be used in summaries. */
  loadedWords: readonly string[];
  /** Ordinary English words that an alias may collide with ("turkey", "will"). */
  commonWords: readonly string[];
}

export interface LintOptions extends LintLists {
  /** YYYY-MM-DD: reviews are judged against this day. */
  today: string;
  /** A review older than this many days is due again. */
  maxAgeDays: number;
}

function finding(entity: Entity, path: string, rule: LintRule, message: string): LintFinding {
  return { entity: entity.id, path, rule, severity: LINT_RULES[rule], message };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Whether `host` is `domain` or one of its subdomains. */
function onDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A site's front page (path `/`, no query) says nothing specific about a role or a fact. */
function isFrontPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.pathname === '/' || parsed.pathname === '') && parsed.search === '';
  } catch {
    return false;
  }
}

/** Every URL the entity cites, with its path. */
function citations(entity: Entity): { url: string; path: string }[] {
  return [
    ...entity.sources.map((url, i) => ({ url, path: `sources[${i}]` })),
    ...entity.roles.map((role, i) => ({ url: role.source, path: `roles[${i}].source` })),
    ...entity.facts.map((fact, i) => ({ url: fact.source, path: `facts[${i}].source` })),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole-word, case-insensitive pattern; a hyphen or space in the entry matches either, or a dash. */
function wordPattern(entry: string): RegExp {
  const body = entry
    .trim()
    .split(/[\s\-‐‑–—]+/)
    .map(escapeRegExp)
    .join('[\\s\\-‐‑–—]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

function hasContextRule(alias: Alias): boolean {
  if (typeof alias === 'string') return false;
  return alias.needsContext === true || (alias.notFollowedBy?.length ?? 0) > 0 || (alias.notPrecededBy?.length ?? 0) > 0;
}

export function lintDataset(dataset: Dataset, options: LintOptions): LintFinding[] {
  const findings: LintFinding[] = [];
  const loaded = options.loadedWords.map(wordPattern);
  const common = new Set(options.commonWords.map(foldForComparison));
  const unreliable = options.unreliableDomains.map((d) => d.toLowerCase());

  for (const entity of dataset.entities) {
    const add = (path: string, rule: LintRule, message: string): void => void findings.push(finding(entity, path, rule, message));

    // Claims not checked lately: `asOf` is null while the review is recent.
    const asOf = asOfDate(entity, options.today, options.maxAgeDays);
    if (entity.reviewedAt === undefined) {
      add('reviewedAt', 'unreviewed', 'never reviewed: check its roles and facts against current sources, then set "reviewedAt"');
    } else if (daysBetween(options.today, entity.reviewedAt) > 0) {
      add('reviewedAt', 'unreviewed', `${entity.reviewedAt} is after today (${options.today})`);
    } else if (asOf !== null) {
      add(
        'reviewedAt',
        'unreviewed',
        `last reviewed ${entity.reviewedAt}, ${daysBetween(entity.reviewedAt, options.today)} days before ${options.today} (more than ${options.maxAgeDays})`,
      );
    }
    if (asOf !== null) {
      entity.roles.forEach((role, i) => {
        if (role.to !== undefined) return;
        add(
          `roles[${i}]`,
          'open-role',
          `"${role.title}" has no end date and was not reviewed in the last ${options.maxAgeDays} days; a card showing it as held today says "as of ${asOf}", not "now"`,
        );
      });
    }

    // Sources.
    entity.roles.forEach((role, i) => {
      if (isFrontPage(role.source))
        add(`roles[${i}].source`, 'homepage-source', `${role.source} is a front page; cite the page that states this role`);
    });
    entity.facts.forEach((fact, i) => {
      if (isFrontPage(fact.source))
        add(`facts[${i}].source`, 'homepage-source', `${fact.source} is a front page; cite the page that states this fact`);
    });
    const cited = citations(entity);
    for (const { url, path } of cited) {
      const host = hostOf(url);
      const domain = host === null ? undefined : unreliable.find((d) => onDomain(host, d));
      if (domain !== undefined)
        add(path, 'unreliable-source', `cites ${host}, which maintainers mark unreliable (${domain} in unreliable-domains.txt)`);
    }
    if (
      cited.every(({ url }) => {
        const host = hostOf(url);
        return host !== null && onDomain(host, 'wikipedia.org');
      })
    ) {
      add('sources', 'wikipedia-only', 'every source is Wikipedia; add a primary or news source for its roles and facts');
    }

    // Wording.
    for (const pattern of loaded) {
      const match = pattern.exec(entity.summary);
      if (match) add('summary', 'loaded-word', `"${match[0]}" is a loaded word (loaded-words.txt); say what happened instead`);
    }

    // Telling this entity from others.
    if (entity.category === 'person' && (entity.givenNames?.length ?? 0) === 0) {
      add(
        'givenNames',
        'no-given-names',
        'a person needs givenNames (the names that may stand before the surname), or "Melania Trump" reads as Donald Trump',
      );
    }
    for (const { alias, aliasIndex } of aliasesWithName(entity)) {
      if (hasContextRule(alias)) continue;
      const caseSensitive = aliasIsCaseSensitive(alias, entity.category);
      for (const variant of expandAliasTemplate(aliasText(alias))) {
        // A case-sensitive alias with a capital never matches the word as it is written in running text.
        if (caseSensitive && /\p{Lu}/u.test(variant)) continue;
        if (!common.has(foldForComparison(variant))) continue;
        add(
          aliasIndex < 0 ? 'name' : `aliases[${aliasIndex}]`,
          'common-word-alias',
          `"${variant}" is also an ordinary word (common-words.txt) and matches it in running text; add "needsContext", "notFollowedBy"/"notPrecededBy", or make it case-sensitive`,
        );
        break;
      }
    }
  }
  // Generated name forms that are left out or may read a common word as a name.
  for (const c of inflectedFormCollisions(dataset, common)) findings.push(finding(c.entity, c.path, 'inflected-form', c.message));
  return findings;
}

/** "3 errors (homepage-source 2, invalid 1), 40 warnings (unreviewed 30, open-role 10)". */
export function summariseFindings(findings: readonly LintFinding[]): string {
  const part = (severity: LintSeverity, noun: string): string => {
    const counts = new Map<LintRule, number>();
    for (const f of findings) if (f.severity === severity) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const detail = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    return `${total} ${noun}${total === 1 ? '' : 's'}${detail ? ` (${detail})` : ''}`;
  };
  return `${part('error', 'error')}, ${part('warning', 'warning')}`;
}

export const LIST_FILES = {
  unreliableDomains: 'unreliable-domains.txt',
  loadedWords: 'loaded-words.txt',
  commonWords: 'common-words.txt',
} as const satisfies Record<keyof LintLists, string>;

const Domain = z
  .string()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/,
    'must be a domain name such as example.com (no scheme, path or spaces)',
  );
const Word = z
  .string()
  .max(80, 'is longer than 80 characters')
  .regex(/^[\p{L}\p{N}' .\-‐‑–—]+$/u, 'must be a word or phrase: letters, digits, spaces, hyphens, apostrophes');

/**
 * A maintainers' list: one entry a line, lower-cased; blank lines and lines starting with #
 * are skipped. Errors name the file and the line.
 */
export function parseLintList(list: keyof LintLists, text: string): Result<string[], ParseFailure> {
  const schema = list === 'unreliableDomains' ? Domain : Word;
  const values: string[] = [];
  const errors: DatasetError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '' || entry.startsWith('#')) return;
    const parsed = schema.safeParse(entry);
    if (parsed.success) values.push(parsed.data);
    else
      errors.push({
        entity: LIST_FILES[list],
        path: `line ${i + 1}`,
        message: parsed.error.issues.map((issue) => issue.message).join('; '),
      });
  });
  return errors.length > 0 ? fail({ errors }) : ok(values);
}

export function formatFinding(f: LintFinding): string {
  return `${f.entity}  ${f.path}  ${f.severity} [${f.rule}] ${f.message}`;
}
