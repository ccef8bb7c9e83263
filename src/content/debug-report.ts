/**
 * The debug report: every name found on the page, whether it is drawn now, and if not, why
 * (hidden, category off, first mention only, outside the near area, or a context rule that
 * turned it down). It answers "why is this name not marked?" in a bug report: open the page
 * with `?backstory-debug` (or `#backstory-debug`) and the console shows it after each scan;
 * tests ask for it by message.
 */
import type { CategoryId } from '../dataset/categories';
import type { DebugReport, DropReason } from '../shared/debug-report';
import { isDrawn } from './highlights';
import type { PageMention } from './mention-ranges';

/** A name the matcher or the resolver turned down, placed in the page like a mention. */
export interface TurnedDown {
  mention: PageMention;
  reason: 'given-name rule' | 'context rule' | 'needs context';
}

export interface ReportInput {
  mentions: readonly PageMention[];
  turnedDown: readonly TurnedDown[];
  enabled: ReadonlySet<CategoryId>;
  firstOnly: boolean;
}

const createTreeWalker = Document.prototype.createTreeWalker;

type Checkable = Element & { checkVisibility?: (options?: { visibilityProperty?: boolean }) => boolean };

function shown(node: Node): boolean {
  const el = node.parentElement as Checkable | null;
  if (!el) return false;
  return typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true }) : true;
}

export function debugReport({ mentions, turnedDown, enabled, firstOnly }: ReportInput): DebugReport {
  const ordinals = new Map<Node, number>();
  const walker = createTreeWalker.call(document, document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(), i = 0; n; n = walker.nextNode(), i++) ordinals.set(n, i);
  const point = (node: Node, offset: number): [number, number] => [ordinals.get(node) ?? -1, offset];
  const seen = new Set<string>();
  const entry = (m: PageMention, drawn: boolean, reason?: DropReason): DebugReport['entries'][number] => ({
    text: m.range.toString(),
    entityIds: m.entityIds,
    category: m.category,
    drawn,
    ...(reason ? { reason } : {}),
    start: point(m.range.startContainer, m.range.startOffset),
    end: point(m.range.endContainer, m.range.endOffset),
  });
  const entries = mentions.map((m) => {
    const key = m.entityIds.join(' ');
    const later = firstOnly && seen.has(key);
    if (enabled.has(m.category)) seen.add(key);
    if (isDrawn(m.range, m.category)) return entry(m, true);
    const reason: DropReason = !enabled.has(m.category)
      ? 'category off'
      : later
        ? 'first mention only'
        : !shown(m.range.startContainer)
          ? 'hidden'
          : m.box
            ? 'outside the near area'
            : 'not drawn';
    return entry(m, false, reason);
  });
  for (const t of turnedDown) entries.push(entry(t.mention, false, t.reason));
  return {
    url: location.origin + location.pathname,
    found: mentions.length,
    drawn: entries.filter((e) => e.drawn).length,
    entries,
  };
}

/** Whether the page asked for the report in the console (`?backstory-debug` or `#backstory-debug`). */
export function debugRequested(): boolean {
  return /[?&#]backstory-debug\b/.test(location.search + location.hash);
}

export function logDebugReport(report: DebugReport): void {
  console.info(`Backstory debug report for ${report.url}: ${report.found} names found, ${report.drawn} drawn now.`);
  console.table(
    report.entries.map((e) => ({
      text: e.text,
      entity: e.entityIds.join(' | '),
      category: e.category,
      drawn: e.drawn,
      reason: e.reason ?? '',
    })),
  );
}
