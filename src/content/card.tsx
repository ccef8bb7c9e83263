/**
 * The context card: name, category badge, the role held on the article's date (with the
 * current one beside it when it differs), the summary, dated facts and sources. Every string
 * comes from the dataset and is rendered as text by Preact, never as HTML.
 */
import type { EntityCard } from '../dataset/cards';
import { roleOn } from '../dataset/cards';
import type { Role } from '../dataset/schema';

export interface CardProps {
  /** Cards of every candidate: one, or several for an unresolved ambiguous mention. */
  cards: EntityCard[];
  articleDate: string;
  today: string;
  datasetLabel: string;
  categoryLabel: (category: string) => string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "28 Nov 2025", "Jul 2025" or "2025", from an ISO date of any precision. */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  if (!month) return y ?? iso;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

function roleLabel(role: Role): string {
  return role.organization ? `${role.title}, ${role.organization}` : role.title;
}

function RoleLine({ card, articleDate, today }: { card: EntityCard; articleDate: string; today: string }) {
  const then = roleOn(card.roles, articleDate);
  if (!then) return null;
  const now = roleOn(card.roles, today);
  const thenText = then.current ? roleLabel(then.role) : `Former ${roleLabel(then.role)}`;
  let nowText: string | null = null;
  if (now && now.role !== then.role) nowText = roleLabel(now.role);
  else if (now && !now.current && then.current) nowText = `${now.role.endReason ?? 'left office'} ${formatDay(now.role.to ?? '')}`;
  return (
    <p class="role">
      <span class="then">{nowText ? `then: ${thenText}` : thenText}</span>
      {nowText && <span class="now"> · now: {nowText}</span>}
    </p>
  );
}

function EntitySection({ card, articleDate, today, categoryLabel }: { card: EntityCard; articleDate: string; today: string; categoryLabel: (c: string) => string }) {
  return (
    <section class="entity" data-entity={card.id}>
      <header>
        <h2 class="name">{card.name}</h2>
        <span class={`badge badge-${card.category}`}>{categoryLabel(card.category)}</span>
      </header>
      <RoleLine card={card} articleDate={articleDate} today={today} />
      <p class="summary">{card.summary}</p>
      {card.facts.length > 0 && (
        <ul class="facts">
          {card.facts.slice(0, 3).map((fact) => (
            <li key={fact.date + fact.text}>
              <time dateTime={fact.date}>{formatDay(fact.date)}</time> {fact.text}
            </li>
          ))}
        </ul>
      )}
      {card.sources.length > 0 && (
        <p class="sources">
          {card.sources.slice(0, 3).map((url) => (
            <a key={url} href={url} target="_blank" rel="noopener noreferrer">
              {new URL(url).hostname.replace(/^www\./, '')}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}

export function Card({ cards, articleDate, today, datasetLabel, categoryLabel }: CardProps) {
  return (
    <div class="card" role="dialog" aria-label={cards.map((c) => c.name).join(' / ')}>
      {cards.length > 1 && <p class="ambiguous">This name could mean:</p>}
      {cards.map((card) => (
        <EntitySection key={card.id} card={card} articleDate={articleDate} today={today} categoryLabel={categoryLabel} />
      ))}
      <footer>{datasetLabel}</footer>
    </div>
  );
}
