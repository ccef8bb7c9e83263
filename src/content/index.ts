/**
 * Content script entry. Reads the match index and settings straight from storage (no
 * message to the background), finds mentions, draws highlights and shows cards on hover.
 * Everything it adds is tied to one AbortController and torn down when Backstory is switched
 * off for the page.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { decodeMatchIndex, type MatchIndex } from '../dataset/match-index';
import { findMentions } from '../dataset/match';
import { resolveMentions } from '../dataset/resolve';
import type { EntityCard } from '../dataset/cards';
import type { CategoryId } from '../dataset/schema';
import { enabledCategories, isSiteEnabled, type Settings } from '../shared/settings';
import {
  ACTIVE_DATASET_KEY,
  ACTIVE_INDEX_KEY,
  SETTINGS_KEY,
  readActiveDataset,
  readActiveIndex,
  readCards,
  readSettings,
  type ActiveDataset,
} from '../shared/storage';
import { ContentRequest, type PageMentions } from '../shared/messages';
import { collectText } from './text-collector';
import { toPageMentions, type PageMention } from './mention-ranges';
import { clearHighlights, paintHighlights } from './highlights';
import { MentionLookup, watchPointer } from './hover';
import { CardHost } from './card-host';
import { articleDate } from './article-date';

const HIDE_GRACE_MS = 300;

interface PageState {
  index: MatchIndex;
  dataset: ActiveDataset | null;
  mentions: PageMention[];
  cards: Map<string, EntityCard>;
  lookup: MentionLookup;
  date: string;
}

class Annotator {
  private controller = new AbortController();
  private state: PageState | null = null;
  private card: CardHost;
  private current: PageMention | null = null;
  private showTimer = 0;
  private hideTimer = 0;
  private pinned = false;

  constructor(private settings: Settings) {
    this.card = new CardHost(this.controller.signal);
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  async start(): Promise<void> {
    const stored = await readActiveIndex();
    if (!stored || this.signal.aborted) return;
    const index = decodeMatchIndex(stored);
    const collected = collectText(document.body ?? document.documentElement);
    const mentions = resolveMentions(findMentions(index, collected.text), index);
    const positions = new Map(index.entityIds.map((id, i) => [id, i]));
    const categoryOf = (id: string): CategoryId => index.entityCategories[positions.get(id) ?? 0] ?? 'person';
    const pageMentions = toPageMentions(collected, mentions, categoryOf);
    const ids = [...new Set(pageMentions.flatMap((m) => m.entityIds))];
    const [cards, dataset] = await Promise.all([readCards(index.datasetVersion, ids), readActiveDataset()]);
    if (this.signal.aborted) return;
    this.state = {
      index,
      dataset,
      mentions: pageMentions,
      cards,
      lookup: this.buildLookup(pageMentions),
      date: articleDate(document).date,
    };
    this.paint();
    watchPointer(() => this.state?.lookup ?? null, { onHover: (hit) => this.onHover(hit) }, this.signal);
    window.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.closeCard(); }, { capture: true, signal: this.signal });
    window.addEventListener('click', (e) => this.onClick(e), { capture: true, signal: this.signal });
    window.addEventListener('scroll', () => this.onScroll(), { passive: true, capture: true, signal: this.signal });
  }

  private buildLookup(mentions: readonly PageMention[]): MentionLookup {
    const enabled = new Set(enabledCategories(this.settings));
    return new MentionLookup(mentions, (m) => enabled.has(m.category));
  }

  private paint(): void {
    if (!this.state) return;
    paintHighlights(this.state.mentions, new Set(enabledCategories(this.settings)), this.settings.firstMentionOnly);
  }

  /** Applies changed settings live; returns false when the page should be torn down. */
  applySettings(settings: Settings): void {
    this.settings = settings;
    if (!this.state) return;
    this.state.lookup = this.buildLookup(this.state.mentions);
    if (this.current && !settings.categories[this.current.category]) this.closeCard();
    this.paint();
  }

  private onHover(hit: { mention: PageMention; rect: DOMRect } | null): void {
    if (hit && hit.mention === this.current) {
      window.clearTimeout(this.hideTimer);
      return;
    }
    window.clearTimeout(this.showTimer);
    if (hit) {
      this.showTimer = window.setTimeout(() => this.openCard(hit.mention, hit.rect), this.settings.hoverDelayMs);
      return;
    }
    if (this.current && !this.pinned) {
      window.clearTimeout(this.hideTimer);
      this.hideTimer = window.setTimeout(() => {
        if (!this.card.hovered) this.closeCard();
      }, HIDE_GRACE_MS);
    }
  }

  private onClick(event: MouseEvent): void {
    const hit = this.state?.lookup.at(event.clientX, event.clientY) ?? null;
    if (hit) {
      if (hit.mention !== this.current) this.openCard(hit.mention, hit.rect);
      this.pinned = true;
    } else if (this.pinned && event.composedPath()[0] !== this.card.element && !event.composedPath().includes(this.card.element as EventTarget)) {
      this.closeCard();
    }
  }

  private onScroll(): void {
    if (!this.current || this.pinned) return;
    const rect = this.current.range.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) this.closeCard();
  }

  private openCard(mention: PageMention, rect: DOMRect): void {
    const state = this.state;
    if (!state) return;
    const cards = mention.entityIds.map((id) => state.cards.get(id)).filter((c): c is EntityCard => c !== undefined);
    if (cards.length === 0) return;
    window.clearTimeout(this.hideTimer);
    this.current = mention;
    this.pinned = false;
    const dataset = state.dataset;
    this.card.show(
      {
        cards,
        articleDate: state.date,
        today: new Date().toISOString().slice(0, 10),
        datasetLabel: dataset ? `${dataset.title} · v${dataset.version} · ${dataset.publishedAt}` : '',
        categoryLabel: (c) => browser.i18n.getMessage(`category_${c}`) || c,
      },
      rect,
    );
  }

  private closeCard(): void {
    window.clearTimeout(this.showTimer);
    window.clearTimeout(this.hideTimer);
    this.current = null;
    this.pinned = false;
    this.card.hide();
  }

  pageMentions(): PageMentions {
    const counts: Record<string, number> = {};
    const byEntity = new Map<string, number>();
    for (const m of this.state?.mentions ?? []) {
      counts[m.category] = (counts[m.category] ?? 0) + 1;
      for (const id of m.entityIds) byEntity.set(id, (byEntity.get(id) ?? 0) + 1);
    }
    const entities = [...byEntity].map(([id, count]) => {
      const card = this.state?.cards.get(id);
      return { id, name: card?.name ?? id, category: card?.category ?? 'person', count };
    });
    return { entities, counts };
  }

  stop(): void {
    this.controller.abort();
    window.clearTimeout(this.showTimer);
    window.clearTimeout(this.hideTimer);
    clearHighlights();
    this.card.remove();
    this.state = null;
  }
}

let annotator: Annotator | null = null;
let settings: Settings | null = null;

async function refresh(rescan: boolean): Promise<void> {
  settings = await readSettings();
  const on = isSiteEnabled(settings, location.hostname);
  if (!on || rescan) {
    annotator?.stop();
    annotator = null;
  }
  if (!on) return;
  if (annotator) {
    annotator.applySettings(settings);
    return;
  }
  annotator = new Annotator(settings);
  await annotator.start();
}

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && SETTINGS_KEY in changes) void refresh(false);
  if (area === 'local' && (ACTIVE_INDEX_KEY in changes || ACTIVE_DATASET_KEY in changes)) void refresh(true);
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const parsed = ContentRequest.safeParse(message);
  if (!parsed.success) return undefined;
  return Promise.resolve(annotator?.pageMentions() ?? { entities: [], counts: {} });
});

void refresh(false);
