/**
 * How old an entity's review is. A role shown as current is only as good as the last time
 * someone checked it: the card says "as of <date>" instead of "now" once the review is more
 * than REVIEW_MAX_AGE_DAYS old, and `npm run dataset -- lint` warns about the same entities.
 * Pure and small: the content script imports it.
 */

export const REVIEW_MAX_AGE_DAYS = 120;

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(iso: string): number {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Whole days from `from` to `to` (YYYY-MM-DD; a reduced date counts from its first day); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** True when the entity was reviewed no more than `maxAgeDays` days before `today`. */
export function reviewIsRecent(reviewedAt: string | undefined, today: string, maxAgeDays = REVIEW_MAX_AGE_DAYS): boolean {
  return reviewedAt !== undefined && daysBetween(reviewedAt, today) <= maxAgeDays;
}

/**
 * The date a current role should be shown "as of": null while the review is recent; else the
 * day of the last review, or, for an entity never reviewed, the day it was last updated (the
 * newest day its data is known to describe; the dataset's publishedAt says nothing about
 * one entity).
 */
export function asOfDate(
  entity: { reviewedAt?: string | undefined; updatedAt: string },
  today: string,
  maxAgeDays = REVIEW_MAX_AGE_DAYS,
): string | null {
  if (reviewIsRecent(entity.reviewedAt, today, maxAgeDays)) return null;
  return entity.reviewedAt ?? entity.updatedAt;
}
