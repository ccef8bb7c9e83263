/** Dates in the browser's UI language: "30 Nov 2025", or with the time for check times, or how long ago. */
import browser from 'webextension-polyfill';

function language(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** A dataset date (YYYY, YYYY-MM or YYYY-MM-DD) as written, localised when it is a full day. */
export function formatDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed);
}

/** An ISO timestamp, in local time. */
export function formatMoment(iso: string): string {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(parsed);
}

/** "today", "yesterday", "3 days ago", in the UI language; a day still ahead counts as today. */
export function formatDaysAgo(days: number): string {
  return new Intl.RelativeTimeFormat(language(), { numeric: 'auto' }).format(-Math.max(0, Math.round(days)), 'day');
}
