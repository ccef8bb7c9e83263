/**
 * The article's publication date, so cards show the role held when it was written
 * (docs/design.md §8). Sources, in order: `article:published_time`, JSON-LD `datePublished`,
 * the first `<time datetime>`; otherwise today.
 */
import { localIsoDate } from '../shared/local-date';

const ISO_DAY = /^(\d{4}-\d{2}-\d{2})/;

function isoDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = ISO_DAY.exec(value.trim());
  return match?.[1] ?? null;
}

function findDatePublished(value: unknown, depth = 0): string | null {
  if (depth > 6 || typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findDatePublished(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  const direct = record.datePublished;
  if (typeof direct === 'string') {
    const day = isoDay(direct);
    if (day) return day;
  }
  return findDatePublished(record['@graph'], depth + 1);
}

export function articleDate(doc: Document, today: Date = new Date()): { date: string; source: string } {
  const meta = doc.querySelector('meta[property="article:published_time"], meta[name="article:published_time"]');
  const fromMeta = isoDay(meta?.getAttribute('content'));
  if (fromMeta) return { date: fromMeta, source: 'meta' };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const found = findDatePublished(JSON.parse(script.textContent ?? ''));
      if (found) return { date: found, source: 'json-ld' };
    } catch {
      // a page's malformed JSON-LD is its own business
    }
  }
  const fromTime = isoDay(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  if (fromTime) return { date: fromTime, source: 'time' };
  return { date: localIsoDate(today), source: 'today' };
}
