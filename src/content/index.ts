/**
 * Content script entry. Reads the match index and settings straight from storage (no
 * message to the background), finds mentions, draws highlights and shows cards on hover.
 * Everything it adds is tied to one AbortController and torn down when Backstory is switched
 * off for the page.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { entityPosition } from '../dataset/match-index';
import { LoadedIndex, parseShard } from '../dataset/shards';
import { findMentions, type Mention } from '../dataset/match';
import { BLOCK_BREAK } from '../dataset/normalize';
import { resolveMentions } from '../dataset/resolve';
import { roleOn, type EntityCard } from '../dataset/cards';
import type { CategoryId } from '../dataset/categories';
import { enabledCategories, isSiteEnabled, type Settings } from '../shared/settings';
import {
  ACTIVE_DATASET_KEY,
  ACTIVE_INDEX_KEY,
  SETTINGS_KEY,
  CardShelf,
  parseActiveIndex,
  prepareIndexSchemas,
  readActiveIndexRaw,
  readShards,
  readSettings,
  ActiveDataset,
} from '../shared/storage';
import { ContentRequest, type PageMentions } from '../shared/messages';
import { t } from '../shared/i18n';
import { TextCollector, type CollectedText } from './text-collector';
import { toPageMentions, type PageMention } from './mention-ranges';
import { clearHighlights, highlightsIntact, paintHighlights, setFocusHighlight } from './highlights';
import { MentionLookup, watchPointer } from './hover';
import { CardHost } from './card-host';
import { articleDate } from './article-date';
import { dropHidden } from './visibility';
import { watchMutations, type ChangedParts } from './page-changes';

const HIDE_GRACE_MS = 300;
/** A page that changed once (a new section, an app's navigation) is read again this soon. */
const RESCAN_DELAY_MS = 400;
/**
 * A page that keeps changing (a live blog) is read again at most this often. Each rescan
 * re-registers highlights, and the browser then repaints the highlighted text: on the bench's
 * live blog (a paragraph every 10 ms), a one-second interval instead of 400 ms cut the
 * main-thread time Backstory adds by 46-170 ms per 5 s, paint included (CDP traces side by
 * side, three comparisons of 3-4 runs each).
 */
const RESCAN_INTERVAL_MS = 1000;
const HIGHLIGHT_GUARD_MS = 1000;
/** Work per slice before yielding: half a frame, leaving the page the other half. */
const SLICE_MS = 8;
/** Characters matched between deadline checks (well under a millisecond of work), and mentions turned into ranges. */
const MATCH_CHUNK = 20_000;
const RANGE_CHUNK = 250;
/** Characters hashed for shard look-up between deadline checks (slower per character than matching). */
const WORDS_CHUNK = 10_000;

/** Where the chunk of text read from `pos` ends: a block break, where no name can run across. */
function chunkEnd(text: string, pos: number, size = MATCH_CHUNK): number {
  const cut = text.indexOf(BLOCK_BREAK, pos + size);
  return cut < 0 ? text.length : cut;
}

/**
 * Whether `node` is one of `roots` or inside one, found by walking up from it: linear in the
 * page's depth, where asking every root would be linear in the number of changed blocks, for
 * every mention on the page (a live blog left open for an hour has thousands of mentions and
 * about a hundred changed blocks a rescan).
 */
function insideAny(node: Node | null, roots: ReadonlySet<Node>): boolean {
  for (let n = node; n; n = n.parentNode) if (roots.has(n)) return true;
  return false;
}

/** Drops roots that lie inside another root: reading the outer one covers them. */
function outermost(roots: Element[]): Element[] {
  const all = new Set<Node>(roots);
  return roots.filter((r) => !insideAny(r.parentNode, all));
}

/**
 * Inserts `added` (in document order, all from one subtree) into `list` (in document order),
 * keeping reading order for keyboard navigation without sorting the whole page again.
 */
function insertInOrder(list: PageMention[], added: PageMention[]): PageMention[] {
  const first = added[0];
  if (!first) return list;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = list[mid] as PageMention;
    if (m.range.compareBoundaryPoints(Range.START_TO_START, first.range) < 0) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), ...added, ...list.slice(lo)];
}

/** Lets the page run: scheduler.yield() where it exists, else a macrotask. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface PageState {
  dataset: ActiveDataset | null;
  mentions: PageMention[];
  cards: CardShelf;
  lookup: MentionLookup;
  date: string;
}

class Annotator {
  private controller = new AbortController();
  private state: PageState | null = null;
  /** The part of the index this page has read so far (dataset/shards.ts). */
  private loaded: LoadedIndex | null = null;
  /** The active-dataset record read with the index head: which install this page uses. */
  private install: ActiveDataset | null = null;
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
    const reading = readActiveIndexRaw();
    // The schemas that check what the read returns are built while it is under way, in a
    // task of their own.
    await yieldToPage();
    if (this.signal.aborted) return;
    prepareIndexSchemas();
    const stored = await reading;
    // The bundled dataset's head holds its whole index: checking it and decoding it each
    // take a task of their own. Together with the watchers below they made one task of
    // 14-20 ms on the seed article (CPU profiles).
    await yieldToPage();
    if (this.signal.aborted) return;
    const { index: head, dataset } = parseActiveIndex(stored);
    if (!head) return;
    this.install = dataset;
    await yieldToPage();
    if (this.signal.aborted) return;
    this.loaded = new LoadedIndex(head);
    // Watch before the first scan: it yields to the page, which may change meanwhile.
    window.addEventListener('popstate', () => this.scheduleRescan('all'), { signal: this.signal });
    watchMutations((parts) => this.scheduleRescan(parts), this.card, this.signal);
    // Reading settings and the index head (and building their schemas) took this task's
    // time; the first scan starts its slices in a task of its own.
    await yieldToPage();
    if (this.signal.aborted) return;
    await this.scan(dataset);
    if (this.signal.aborted) return;
    // Changes seen during the first scan were kept pending; read those parts again now.
    if (this.pending && this.rescanTimer === 0) this.scheduleRescan(this.pending);
    watchPointer(() => this.state?.lookup ?? null, { onHover: (hit) => this.onHover(hit) }, this.signal);
    window.addEventListener('keydown', (e) => this.onKeyDown(e), { capture: true, signal: this.signal });
    window.addEventListener('click', (e) => this.onClick(e), { capture: true, signal: this.signal });
    window.addEventListener('scroll', () => this.onScroll(), { passive: true, capture: true, signal: this.signal });
    // A page may clear the shared highlight registry (CSS.highlights.clear()); draw again.
    const guard = window.setInterval(() => {
      if (!highlightsIntact()) this.paint();
    }, HIGHLIGHT_GUARD_MS);
    this.signal.addEventListener('abort', () => window.clearInterval(guard), { once: true });
  }

  /**
   * Finds mentions and draws them: on the whole page, or only in the parts that changed
   * (`parts`), keeping every other mention as it is. Cards are read only for what was found.
   * Reading, matching and range building run in slices of SLICE_MS that yield to the page
   * in between, so a 100,000-word page never blocks it for longer than a frame.
   */
  private async scan(dataset: ActiveDataset | null, parts: ChangedParts = 'all'): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const exclude = new Set<Element>();
    if (this.card.element) exclude.add(this.card.element);
    let deadline = performance.now() + SLICE_MS;
    const sliceOver = (): boolean => performance.now() > deadline;
    const nextSlice = async (): Promise<boolean> => {
      await yieldToPage();
      deadline = performance.now() + SLICE_MS;
      return !this.signal.aborted;
    };
    /**
     * Before a step that runs unchecked for a while: a new slice if this one is over, or if
     * less than `reserve` ms of it are left.
     */
    const checkpoint = async (reserve = 0): Promise<boolean> => performance.now() <= deadline - reserve || nextSlice();

    const previous = this.state?.mentions ?? [];
    const whole = parts === 'all' || !this.state;
    const roots = whole ? [document.body ?? document.documentElement] : outermost([...parts]).filter((r) => r.isConnected);
    // Mentions outside the changed parts stay, unless their text has left the page.
    const rootSet = new Set<Node>(roots);
    const kept = whole ? [] : previous.filter((m) => m.nodes.every((n) => n.isConnected) && !insideAny(m.nodes[0] ?? null, rootSet));

    const texts: CollectedText[] = [];
    for (const root of roots) {
      const collector = new TextCollector(root, exclude);
      while (!collector.run(sliceOver)) if (!(await nextSlice())) return;
      texts.push(collector.result());
    }
    // Read the index shards for the words these texts begin with, in one storage read.
    const wanted = new Set<number>();
    for (const { text } of texts) {
      for (let pos = 0; pos < text.length; ) {
        if (!(await checkpoint())) return;
        const end = chunkEnd(text, pos, WORDS_CHUNK);
        for (const b of loaded.missing(text, pos, end)) wanted.add(b);
        pos = end;
      }
    }
    const need = [...wanted];
    if (need.length > 0) {
      const raw = await readShards(loaded.datasetVersion, need);
      if (this.signal.aborted) return;
      // Damaged or missing shards come back undefined: their names go unmarked, nothing breaks.
      for (let i = 0; i < need.length; i++) {
        if (!(await checkpoint())) return;
        loaded.add([need[i] as number], [parseShard(raw[i])]);
      }
    }
    // Preparing the trie builder reads every record loaded so far, unchecked: it starts with
    // at least half a slice, like the last step below.
    if (!(await checkpoint(SLICE_MS / 2))) return;
    const index = await loaded.build(sliceOver, nextSlice);
    if (!index) return;
    const read: { collected: CollectedText; found: Mention[] }[] = [];
    for (const collected of texts) {
      const { text } = collected;
      const found: Mention[] = [];
      for (let pos = 0; pos < text.length; ) {
        if (!(await checkpoint())) return;
        const end = chunkEnd(text, pos);
        for (const m of findMentions(index, text, pos, end)) found.push(m);
        pos = end;
      }
      read.push({ collected, found });
    }
    if (!(await checkpoint())) return;
    // Ambiguous names are resolved against everything on the page, kept mentions included.
    const keptAsFound: Mention[] = kept.map((m) => ({ start: 0, end: 0, entityIds: m.entityIds, aliasIndex: m.aliasIndex }));
    const resolved = resolveMentions([...keptAsFound, ...read.flatMap((r) => r.found)], index).slice(kept.length);
    const positions = entityPosition(index);
    const categoryOf = (id: string): CategoryId => index.entityCategories[positions.get(id) ?? 0] ?? 'person';
    let pageMentions = kept;
    let offset = 0;
    for (const { collected, found } of read) {
      const mine = resolved.slice(offset, offset + found.length);
      offset += found.length;
      // Ranges, and the visibility check that may lay the page out, in slices as well.
      const ranged: PageMention[] = [];
      const hidden = new Map<Element, boolean>();
      for (let i = 0; i < mine.length; i += RANGE_CHUNK) {
        if (!(await checkpoint())) return;
        for (const m of dropHidden(toPageMentions(collected, mine.slice(i, i + RANGE_CHUNK), categoryOf), hidden)) ranged.push(m);
      }
      pageMentions = insertInOrder(pageMentions, ranged);
    }
    // Cards are read when one is shown or the popup lists the page's people, not here: a page
    // naming a thousand people would read and copy a thousand cards into the tab at once.
    const cards = this.state?.cards ?? new CardShelf(index.datasetVersion);
    // What follows (the hover lookup, then the drawing, each linear in the page's mentions)
    // runs unchecked, so each starts with at least half a slice of its own: on a 100,000-word
    // page with 1,300 mentions, starting them late in a slice made a 19 ms task, and the two
    // together in one slice still made tasks of 13-26 ms (CPU profiles, traces).
    if (!(await checkpoint(SLICE_MS / 2))) return;
    const settings = this.settings;
    let lookup = this.buildLookup(pageMentions);
    // The date only changes with the page: read it again on a full scan, not per change.
    const date = whole || !this.state ? articleDate(document).date : this.state.date;
    if (!(await checkpoint(SLICE_MS / 2))) return;
    // Settings changed while the page ran: the lookup follows the enabled categories.
    if (this.settings !== settings) lookup = this.buildLookup(pageMentions);
    if (this.current && !pageMentions.includes(this.current) && !pageMentions.some((m) => m.range.toString() === this.current?.range.toString())) this.closeCard();
    this.state = { dataset, mentions: pageMentions, cards, lookup, date };
    this.paint();
  }

  private rescanTimer = 0;
  /** When the last rescan started (performance.now()), for RESCAN_INTERVAL_MS. */
  private lastRescan = -Infinity;
  private scanning = false;
  private pending: ChangedParts | null = null;

  /**
   * Rescans after the page changes, RESCAN_DELAY_MS after the first change but at most once
   * per RESCAN_INTERVAL_MS, and only the parts that changed: a page that mutates itself
   * continuously costs one small scan per interval, never one per mutation.
   */
  private scheduleRescan(parts: ChangedParts = 'all'): void {
    if (this.signal.aborted) return;
    if (parts === 'all' || this.pending === 'all') this.pending = 'all';
    else if (this.pending === null) this.pending = new Set(parts);
    // Added in place: with a rescan a second on a live page, copying the pending blocks on
    // every mutation would copy about a hundred of them a hundred times a second.
    else for (const part of parts) this.pending.add(part);
    if (this.rescanTimer !== 0) return;
    this.rescanTimer = window.setTimeout(() => {
      this.rescanTimer = 0;
      const state = this.state;
      if (!state) return; // the first scan is still running; start() picks `pending` up
      if (this.scanning) {
        this.scheduleRescan(this.pending ?? 'all'); // try again once the running scan is done
        return;
      }
      const next = this.pending ?? 'all';
      this.pending = null;
      this.scanning = true;
      this.lastRescan = performance.now();
      void this.scan(state.dataset, next).finally(() => { this.scanning = false; });
    }, Math.max(RESCAN_DELAY_MS, this.lastRescan + RESCAN_INTERVAL_MS - performance.now()));
  }

  private buildLookup(mentions: readonly PageMention[]): MentionLookup {
    const enabled = new Set(enabledCategories(this.settings));
    return new MentionLookup(mentions, (m) => enabled.has(m.category));
  }

  private paint(): void {
    if (!this.state) return;
    paintHighlights(this.state.mentions, new Set(enabledCategories(this.settings)), this.settings.firstMentionOnly, this.settings.highlightStyle);
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
    this.opening = null;
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
      if (hit.mention !== this.current) this.openCard(hit.mention, hit.rect, true);
      else this.pinned = true;
    } else if (this.pinned && event.composedPath()[0] !== this.card.element && !event.composedPath().includes(this.card.element as EventTarget)) {
      this.closeCard();
    }
  }

  private onScroll(): void {
    if (!this.current || this.pinned) return;
    const rect = this.current.range.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) this.closeCard();
  }

  /** Opens the card of the first mention of `entityId` ("In this story"). */
  revealEntity(entityId: string): boolean {
    const mention = this.reachable().find((m) => m.entityIds.includes(entityId));
    if (!mention) return false;
    mention.nodes[0]?.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const rect = mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect();
    this.openCard(mention, rect, true);
    return true;
  }

  private anchor: DOMRect | null = null;

  private showCards(cards: EntityCard[]): void {
    const state = this.state;
    if (!state || !this.anchor) return;
    const dataset = state.dataset;
    this.card.show(
      {
        cards,
        articleDate: state.date,
        today: new Date().toISOString().slice(0, 10),
        dataset: dataset ? { title: dataset.title, version: dataset.version, publishedAt: dataset.publishedAt, issueTracker: dataset.issueTracker } : null,
        pageUrl: location.href,
        t,
        onOpenRelated: (id) => void this.openRelated(id),
      },
      this.anchor,
    );
  }

  /** A related entity's chip opens that entity's card in place; it is pinned, like a click. */
  private async openRelated(id: string): Promise<void> {
    const state = this.state;
    if (!state) return;
    await state.cards.read([id]);
    const card = state.cards.get(id);
    if (!card || this.signal.aborted) return;
    this.pinned = true;
    this.showCards([card]);
    this.card.announce(describeForAnnouncement(card, state.date));
  }

  /** The mention whose card is being read from storage, to open once it arrives. */
  private opening: PageMention | null = null;

  /** Opens the card of `mention` next to `rect`, once its entities' cards are read; `pin` keeps it open. */
  private openCard(mention: PageMention, rect: DOMRect, pin = false): void {
    const state = this.state;
    if (!state) return;
    this.opening = mention;
    state.cards.read(mention.entityIds).then(
      () => {
        // A newer hover or a closed card has taken its place. A rescan meanwhile keeps the
        // same shelf of cards and, unless its text left the page, the same mention.
        const now = this.state;
        if (this.opening !== mention || !now || this.signal.aborted || !mention.nodes.every((n) => n.isConnected)) return;
        this.opening = null;
        this.showMention(now, mention, rect, pin);
      },
      (error: unknown) => console.warn('Backstory: could not read a card from storage.', error),
    );
  }

  private showMention(state: PageState, mention: PageMention, rect: DOMRect, pin: boolean): void {
    const cards = mention.entityIds.map((id) => state.cards.get(id)).filter((c): c is EntityCard => c !== undefined);
    if (cards.length === 0) return;
    window.clearTimeout(this.hideTimer);
    this.current = mention;
    this.pinned = pin;
    this.anchor = rect;
    this.showCards(cards);
    this.card.announce(cards.map((c) => describeForAnnouncement(c, state.date)).join('; '));
  }

  private closeCard(): void {
    this.opening = null;
    window.clearTimeout(this.showTimer);
    window.clearTimeout(this.hideTimer);
    this.current = null;
    this.pinned = false;
    this.card.hide();
  }

  /** Mentions in reading order that the reader can reach: enabled categories only. */
  private reachable(): PageMention[] {
    const enabled = new Set(enabledCategories(this.settings));
    return (this.state?.mentions ?? []).filter((m) => enabled.has(m.category));
  }

  /**
   * Keyboard navigation (DESIGN.md §3): Tab / arrows move between mentions in reading order,
   * Enter pins the card, Escape leaves and gives focus back to where it was.
   */
  startNavigation(): void {
    if (this.navigation) return;
    this.navigation = { index: -1, previousFocus: document.activeElement };
    if (this.reachable().length === 0) {
      this.card.announce(browser.i18n.getMessage('nav_no_mentions') || 'No names on this page.');
      this.navigation = null;
      return;
    }
    this.moveFocus(1);
  }

  private navigation: { index: number; previousFocus: Element | null } | null = null;

  private moveFocus(step: number): void {
    const nav = this.navigation;
    const list = this.reachable();
    if (!nav || list.length === 0) return;
    nav.index = (nav.index + step + list.length) % list.length;
    const mention = list[nav.index];
    if (!mention) return;
    setFocusHighlight(mention.range);
    mention.nodes[0]?.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const rect = mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect();
    this.openCard(mention, rect, true);
  }

  private exitNavigation(): void {
    const nav = this.navigation;
    this.navigation = null;
    setFocusHighlight(null);
    this.closeCard();
    if (nav?.previousFocus instanceof HTMLElement) nav.previousFocus.focus({ preventScroll: true });
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.navigation) {
      if (event.key === 'Escape') this.closeCard();
      return;
    }
    const forward = (event.key === 'Tab' && !event.shiftKey) || event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const back = (event.key === 'Tab' && event.shiftKey) || event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    if (forward || back) this.moveFocus(forward ? 1 : -1);
    else if (event.key === 'Enter') this.pinned = true;
    else if (event.key === 'Escape') this.exitNavigation();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  async pageMentions(): Promise<PageMentions> {
    const counts: Record<string, number> = {};
    const byEntity = new Map<string, number>();
    const state = this.state;
    for (const m of state?.mentions ?? []) {
      counts[m.category] = (counts[m.category] ?? 0) + 1;
      for (const id of m.entityIds) byEntity.set(id, (byEntity.get(id) ?? 0) + 1);
    }
    await state?.cards.read(byEntity.keys());
    const date = state?.date ?? new Date().toISOString().slice(0, 10);
    const entities = [...byEntity].map(([id, count]) => {
      const card = state?.cards.get(id);
      // The role held on the article's date, as the card shows it.
      const held = card ? roleOn(card.roles, date) : null;
      const role = held ? (held.current ? held.role.title : t('card_former', held.role.title)) : undefined;
      return { id, name: card?.name ?? id, category: card?.category ?? 'person', count, ...(role ? { role } : {}) };
    });
    return { entities, counts };
  }

  /**
   * Whether `record` (a new value of the active-dataset key) is the install this page has
   * already read. The storage read can see an install's keys before their change event
   * reaches the tab; restarting for that event would clear the highlights just drawn and draw
   * the same ones again (seen in Firefox, right after the extension was installed).
   */
  alreadyUses(record: unknown): boolean {
    const install = this.install;
    if (!install || !this.loaded) return false;
    const parsed = ActiveDataset.safeParse(record);
    if (!parsed.success) return false;
    const next = parsed.data;
    return next.datasetId === install.datasetId && next.version === install.version && next.installedAt === install.installedAt;
  }

  stop(): void {
    setFocusHighlight(null);
    this.controller.abort();
    window.clearTimeout(this.rescanTimer);
    window.clearTimeout(this.showTimer);
    window.clearTimeout(this.hideTimer);
    clearHighlights();
    this.card.remove();
    this.state = null;
  }
}

/** "Steve Witkoff, US Special Envoy to the Middle East": what the live region reads out. */
function describeForAnnouncement(card: EntityCard, date: string): string {
  const held = roleOn(card.roles, date);
  return held ? `${card.name}, ${held.current ? '' : 'former '}${held.role.title}` : card.name;
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

/**
 * After an extension update or removal, this old script keeps running in the page with a
 * dead extension context; it must take its highlights and host away (STYLE.md).
 */
function contextInvalidated(): boolean {
  try {
    return !browser.runtime.id;
  } catch {
    return true;
  }
}

const invalidationCheck = window.setInterval(() => {
  if (!contextInvalidated()) return;
  window.clearInterval(invalidationCheck);
  annotator?.stop();
  annotator = null;
}, 2000);

browser.storage.onChanged.addListener((changes, area) => {
  // Settings live in sync, or in local while sync is unavailable (shared/storage.ts).
  if (SETTINGS_KEY in changes && (area === 'sync' || area === 'local')) void refresh(false);
  if (area === 'local' && (ACTIVE_INDEX_KEY in changes || ACTIVE_DATASET_KEY in changes)) {
    // Both keys are written in one `set` (background/dataset-installer.ts).
    if (annotator?.alreadyUses(changes[ACTIVE_DATASET_KEY]?.newValue)) return;
    void refresh(true);
  }
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const parsed = ContentRequest.safeParse(message);
  if (!parsed.success) return undefined;
  const request = parsed.data;
  switch (request.type) {
    case 'getPageMentions':
      // With the page's host: the popup has no permission to read the tab's URL.
      return (annotator?.pageMentions() ?? Promise.resolve({ entities: [], counts: {} })).then((mentions) => ({ ...mentions, host: location.hostname }));
    case 'startNavigation':
      annotator?.startNavigation();
      return Promise.resolve({ ok: annotator !== null });
    case 'revealEntity':
      return Promise.resolve({ ok: annotator?.revealEntity(request.entityId) ?? false });
  }
});

void refresh(false);
