/**
 * What the live region reads out for a card, and what "In this story" shows as a role: the
 * role held on the article's date, marked as former in the reader's language when it has
 * ended since.
 */
import { roleOn, type EntityCard } from '../dataset/cards';

type Translate = (key: string, substitutions?: string | string[]) => string;

/** The role held on `date`, worded for the reader ("Former Minister of Defence"), or null. */
export function roleLabel(card: EntityCard, date: string, t: Translate): string | null {
  const held = roleOn(card.roles, date);
  if (!held) return null;
  return held.current ? held.role.title : t('card_former', held.role.title);
}

/** "Steve Witkoff, US Special Envoy to the Middle East". */
export function describeForAnnouncement(card: EntityCard, date: string, t: Translate): string {
  const role = roleLabel(card, date, t);
  return role ? `${card.name}, ${role}` : card.name;
}

/** Where keyboard navigation stands: the mention's place among those the reader can reach. */
export interface NavPosition {
  index: number;
  total: number;
}

/**
 * What keyboard navigation announces on reaching a mention: who it is and their role, then
 * its place in the page ("3 of 12"), so that moving between two mentions of the same person
 * still changes what the live region says, and a screen reader reads it again.
 */
export function describeForNavigation(cards: readonly EntityCard[], date: string, position: NavPosition, t: Translate): string {
  const who = cards.map((c) => describeForAnnouncement(c, date, t)).join('; ');
  return t('nav_position', [who, String(position.index + 1), String(position.total)]);
}
