/**
 * The context card: name and category badge; the role held on the article's date, with the
 * current one beside it when it differs ("as of" the last review instead of "now" when that
 * review is more than 120 days old); the summary; up to three dated facts; related
 * entities (each opens its own card); sources; the dataset's version and date; and a
 * "Report an error" link. Every string comes from the dataset or _locales and is rendered
 * as text by Preact, never as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { EntityCard, RoleOnDate } from '../dataset/cards';
import { roleOn } from '../dataset/cards';
import { localizeCard, primaryLanguage } from '../dataset/card-language';
import { asOfDate } from '../dataset/review';
import type { Fact, Role } from '../dataset/schema';

export type Translate = (key: string, substitutions?: string | string[]) => string;

export interface CardDataset {
  title: string;
  version: number;
  publishedAt: string;
  issueTracker?: string | undefined;
}

export interface CardProps {
  /** Cards of every candidate: one, or several for an unresolved ambiguous mention. */
  cards: EntityCard[];
  articleDate: string;
  today: string;
  dataset: CardDataset | null;
  pageUrl: string;
  t: Translate;
  /** The page's language (its `<html lang>` or what its text reads as): entity text follows it where the dataset has it. */
  pageLang: string;
  /** The browser's UI language, which the card's own words and dates follow. */
  uiLang: string;
  onOpenRelated: (entityId: string) => void;
  /** What the host puts first in the card: its close button, and a line for touch readers. */
  top?: ComponentChildren;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "28 Nov 2025", "Jul 2025" or "2025", from an ISO date of any precision; in another UI
 * language, that language's own form ("28 лист. 2025 р.").
 */
export function formatDay(iso: string, locale = 'en'): string {
  const [y, m, d] = iso.split('-');
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  if (!month) return y ?? iso;
  if (primaryLanguage(locale) !== 'en') {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, d ? Number(d) : 1));
    if (!Number.isNaN(date.getTime())) {
      const parts: Intl.DateTimeFormatOptions = d
        ? { day: 'numeric', month: 'short', year: 'numeric' }
        : { month: 'long', year: 'numeric' };
      return new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' }).format(date);
    }
  }
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

function roleLabel(role: Role): string {
  return role.organization && !role.title.includes(role.organization) ? `${role.title}, ${role.organization}` : role.title;
}

export interface RoleLines {
  /** The role on the article's date. */
  then: string;
  /** What became of it by today, when that differs. */
  now: string | null;
  /**
   * Set when the role held today is shown (as `now`, or as `then` when it is the same role)
   * but the entity's last review is too old to vouch for it: the day to show it "as of".
   */
  asOf: string | null;
}

/**
 * What the reader sees about a role: "then: X · now: Y" when the two differ. `staleSince` is
 * the entity's as-of date (review.ts) when its review is due: the role held today is then
 * shown "as of" that day, not as "now", since it may have changed since anyone checked.
 */
export function describeRoles(
  roles: readonly Role[],
  articleDate: string,
  today: string,
  t: Translate,
  staleSince: string | null = null,
  locale = 'en',
): RoleLines | null {
  const then: RoleOnDate | null = roleOn(roles, articleDate);
  if (!then) return null;
  const now = roleOn(roles, today);
  const thenText = then.current ? roleLabel(then.role) : t('card_former', roleLabel(then.role));
  let nowText: string | null = null;
  if (now && now.role !== then.role) nowText = now.current ? roleLabel(now.role) : t('card_former', roleLabel(now.role));
  else if (now && !now.current && then.current) {
    nowText = t('card_ended', [now.role.endReason ?? t('card_left_office'), formatDay(now.role.to ?? '', locale)]);
  }
  const showsTodaysRole = now?.current === true && (nowText !== null || now.role === then.role);
  return { then: thenText, now: nowText, asOf: staleSince !== null && showsTodaysRole ? formatDay(staleSince, locale) : null };
}

/**
 * Facts a reader of this article can use: the newest ones up to the article's date; facts
 * from after it only when there are none before.
 */
export function factsFor(facts: readonly Fact[], articleDate: string, limit = 3): Fact[] {
  const sorted = [...facts].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const before = sorted.filter((f) => f.date <= articleDate);
  return (before.length > 0 ? before : sorted).slice(0, limit);
}

function reportUrl(tracker: string, entityId: string, pageUrl: string | null): string {
  const url = new URL(tracker.replace(/\/$/, '') + '/new');
  url.searchParams.set('title', `Error in ${entityId}`);
  url.searchParams.set(
    'body',
    `Entity: ${entityId}\n${pageUrl ? `Page: ${new URL(pageUrl).origin}${new URL(pageUrl).pathname}\n` : ''}\nWhat is wrong:\n`,
  );
  return url.toString();
}

/**
 * The link itself when it is an https: URL, else null: every href is checked once more as it
 * is drawn, whatever the stored card's check let through (a `javascript:` source shown as
 * "en.wikipedia.org" must never become a link).
 */
export function safeHref(url: string): string | null {
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** A small mark after text the dataset lacks in the page's language. */
function InEnglish({ t }: { t: Translate }) {
  return <span class="in-english"> ({t('card_in_english')})</span>;
}

function EntitySection({ card: original, props }: { card: EntityCard; props: CardProps }) {
  const { articleDate, today, t, onOpenRelated, dataset, pageUrl, uiLang } = props;
  const [includePage, setIncludePage] = useState(false);
  const local = localizeCard(original, props.pageLang);
  const card = local.card;
  const roles = describeRoles(card.roles, articleDate, today, t, asOfDate(card, today), uiLang);
  const shownRoles = [roleOn(card.roles, articleDate), roleOn(card.roles, today)].filter((r): r is RoleOnDate => r !== null);
  const roleLang = shownRoles.some((r) => local.roleLangs[card.roles.indexOf(r.role)] === 'en') ? 'en' : local.summaryLang;
  const facts = factsFor(card.facts, articleDate);
  const factLang = (fact: Fact) => local.factLangs[card.facts.indexOf(fact)] ?? 'en';
  // Only a page in another language gets marks; a card wholly in English gets one, up top.
  const foreign = primaryLanguage(props.pageLang) !== 'en';
  const allEnglish = foreign && local.summaryLang === 'en' && roleLang === 'en' && facts.every((f) => factLang(f) === 'en');
  const mark = (lang: string) => foreign && !allEnglish && lang === 'en';
  return (
    <section class="entity" data-entity={card.id}>
      <header>
        <h2 class="name">{card.name}</h2>
        <span class={`badge badge-${card.category}`}>{t(`category_${card.category}`)}</span>
      </header>
      {allEnglish && <p class="in-english-all">{t('card_in_english_all')}</p>}
      {roles && (
        <p class="role" lang={roleLang}>
          <span class="then">
            {roles.now ? t('card_then', roles.then) : roles.asOf ? t('card_as_of', [roles.asOf, roles.then]) : roles.then}
          </span>
          {roles.now && <span class="now"> · {roles.asOf ? t('card_as_of', [roles.asOf, roles.now]) : t('card_now', roles.now)}</span>}
          {mark(roleLang) && <InEnglish t={t} />}
        </p>
      )}
      <p class="summary" lang={local.summaryLang}>
        {card.summary}
        {mark(local.summaryLang) && <InEnglish t={t} />}
      </p>
      {facts.length > 0 && (
        <ul class="facts">
          {facts.map((fact) => (
            <li key={fact.date + fact.text} lang={factLang(fact)}>
              <time dateTime={fact.date}>{formatDay(fact.date, uiLang)}</time> {fact.text}
              {mark(factLang(fact)) && <InEnglish t={t} />}
            </li>
          ))}
        </ul>
      )}
      {card.related.length > 0 && (
        <p class="related">
          <span class="label">{t('card_related')}</span>
          {card.related.slice(0, 6).map((r) => (
            <button type="button" key={r.id} class="chip" onClick={() => onOpenRelated(r.id)}>
              {r.name}
            </button>
          ))}
        </p>
      )}
      {card.sources.length > 0 && (
        <p class="sources">
          <span class="label">{t('card_sources')}</span>
          {card.sources
            .map(safeHref)
            .filter((url): url is string => url !== null)
            .slice(0, 4)
            .map((url) => (
              <a key={url} href={url} target="_blank" rel="noopener noreferrer">
                {hostOf(url)}
              </a>
            ))}
        </p>
      )}
      {dataset?.issueTracker && safeHref(dataset.issueTracker) && (
        <p class="report">
          <a href={reportUrl(dataset.issueTracker, card.id, includePage ? pageUrl : null)} target="_blank" rel="noopener noreferrer">
            {t('card_report')}
          </a>
          <label>
            <input type="checkbox" checked={includePage} onChange={(e) => setIncludePage(e.currentTarget.checked)} />{' '}
            {t('card_report_include_page')}
          </label>
        </p>
      )}
    </section>
  );
}

export function Card(props: CardProps) {
  const { cards, dataset, t } = props;
  return (
    <div class="card" role="dialog" lang={props.uiLang} aria-label={cards.map((c) => c.name).join(' / ')}>
      {props.top}
      {cards.length > 1 && <p class="ambiguous">{t('card_candidates')}</p>}
      {cards.map((card) => (
        <EntitySection key={card.id} card={card} props={props} />
      ))}
      {dataset && (
        <footer>{t('card_dataset', [dataset.title, String(dataset.version), formatDay(dataset.publishedAt, props.uiLang)])}</footer>
      )}
    </div>
  );
}
