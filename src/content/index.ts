/**
 * Content script entry: wires the parts together. Reads the match index and settings straight
 * from storage (no message to the background), scans the page (scan.ts), draws highlights
 * (highlights.ts), and shows cards on hover, click, tap and from the keyboard. Everything it adds
 * is tied to one AbortController and torn down when Backstory is switched off for the page.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { LoadedIndex } from '../dataset/loaded-index';
import { enabledCategories, isSiteEnabled, type Settings } from '../shared/settings';
import { activeDatasetItem, activeIndexItem, onSettingsChanged, readSettings, watchItems, type ActiveDataset } from '../shared/storage';
import { parseActiveIndex, prepareIndexSchemas, readActiveIndexRaw } from '../shared/dataset-storage';
import { ContentRequest, type ContentReply } from '../shared/messages';
import type { PageMention } from './mention-ranges';
import { clearHighlights, highlightsIntact, paintHighlights, setFocusHighlight } from './highlights';
import { MentionLookup, watchPointer } from './hover';
import { CardHost } from './card-host';
import { CardController } from './card-controller';
import { KeyboardNavigation } from './keyboard-nav';
import { LazyReadingAid } from './aid-loader';
import { articleDate } from './article-date';
import { dropHidden } from './visibility';
import { watchMutations, type ChangedParts } from './page-changes';
import { debugReport, debugRequested, logDebugReport } from './debug-report';
import { summarizeMentions } from './mentions-summary';
import { RescanScheduler } from './rescan-scheduler';
import { scanPage, type PageState } from './scan';
import { SLICE_MS, yieldToPage } from './slices';

const HIGHLIGHT_GUARD_MS = 1000;

class Annotator {
  private controller = new AbortController();
  private state: PageState | null = null;
  /** The part of the index this page has read so far (dataset/loaded-index.ts). */
  private loaded: LoadedIndex | null = null;
  /** The active-dataset record read with the index head: which install this page uses. */
  private install: ActiveDataset | null = null;
  private readonly cards: CardController;
  private readonly keyboard: KeyboardNavigation;
  private readonly rescans: RescanScheduler;
  /** The reading aid's buttons, when the reader turned it on (reading-aid.ts). */
  private readonly aid: LazyReadingAid;

  constructor(private settings: Settings) {
    const signal = this.controller.signal;
    this.cards = new CardController(
      new CardHost(signal),
      () => this.state,
      () => this.settings,
      signal,
    );
    this.keyboard = new KeyboardNavigation(this.cards, () => this.reachable());
    this.aid = new LazyReadingAid((mention, button) => this.cards.openFrom(mention, button), signal);
    this.rescans = new RescanScheduler(
      (parts) => this.scan(this.state?.dataset ?? null, parts),
      () => this.state !== null,
      signal,
    );
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  get pageState(): PageState | null {
    return this.state;
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
    // take a task of their own, so no start-up task grows past a frame.
    await yieldToPage();
    if (this.signal.aborted) return;
    const { index: head, dataset } = parseActiveIndex(stored);
    if (!head) return;
    this.install = dataset;
    await yieldToPage();
    if (this.signal.aborted) return;
    this.loaded = new LoadedIndex(head);
    // Watch before the first scan: it yields to the page, which may change meanwhile.
    window.addEventListener('popstate', () => this.rescans.schedule('all'), { signal: this.signal });
    watchMutations((parts) => this.rescans.schedule(parts), this.cards.host, this.signal);
    // Reading settings and the index head (and building their schemas) took this task's
    // time; the first scan starts its slices in a task of its own.
    await yieldToPage();
    if (this.signal.aborted) return;
    await this.scan(dataset);
    if (this.signal.aborted) return;
    this.rescans.flush();
    watchPointer(() => this.state?.lookup ?? null, { onHover: (hit) => this.cards.onHover(hit) }, this.signal);
    window.addEventListener('keydown', (e) => this.keyboard.onKeyDown(e), { capture: true, signal: this.signal });
    window.addEventListener('pointerdown', (e) => this.cards.onPointerDown(e), { passive: true, capture: true, signal: this.signal });
    window.addEventListener('click', (e) => this.cards.onClick(e), { capture: true, signal: this.signal });
    window.addEventListener('resize', () => this.cards.onResize(), { passive: true, signal: this.signal });
    window.addEventListener('scroll', () => this.cards.onScroll(), { passive: true, capture: true, signal: this.signal });
    // A page may clear the shared highlight registry (CSS.highlights.clear()); draw again.
    const guard = window.setInterval(() => {
      if (!highlightsIntact()) this.paint();
    }, HIGHLIGHT_GUARD_MS);
    this.signal.addEventListener('abort', () => window.clearInterval(guard), { once: true });
  }

  /**
   * Finds mentions and draws them: on the whole page, or only in the parts that changed
   * (`parts`), keeping every other mention as it is.
   */
  private async scan(dataset: ActiveDataset | null, parts: ChangedParts = 'all'): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const exclude = new Set<Element>();
    if (this.cards.host.element) exclude.add(this.cards.host.element);
    const found = await scanPage({ loaded, previous: this.state, parts, exclude, signal: this.signal });
    if (!found) return;
    const { slices, mentions } = found;
    // What follows (the hover lookup, then the drawing, each linear in the page's mentions)
    // runs unchecked, so each starts with at least half a slice of its own.
    if (!(await slices.checkpoint(SLICE_MS / 2))) return;
    const settings = this.settings;
    let lookup = this.buildLookup(mentions);
    // The date only changes with the page: read it again on a full scan, not per change.
    const date = found.whole || !this.state ? articleDate(document).date : this.state.date;
    if (!(await slices.checkpoint(SLICE_MS / 2))) return;
    // Settings changed while the page ran: the lookup follows the enabled categories.
    if (this.settings !== settings) lookup = this.buildLookup(mentions);
    this.cards.closeIfGone(mentions);
    this.state = { dataset, mentions, turnedDown: found.turnedDown, cards: found.cards, lookup, date, language: found.language };
    this.paint();
    this.placeAids();
    if (debugRequested()) requestAnimationFrame(() => setTimeout(() => logDebugReport(this.debugReport()), 0));
  }

  /** Every name found on the page, drawn or not, and why not (debug-report.ts). */
  debugReport(): ReturnType<typeof debugReport> {
    const settings = this.settings;
    return debugReport({
      mentions: this.state?.mentions ?? [],
      turnedDown: this.state?.turnedDown ?? [],
      enabled: new Set(enabledCategories(settings)),
      firstOnly: settings.firstMentionOnly,
    });
  }

  private buildLookup(mentions: readonly PageMention[]): MentionLookup {
    const enabled = new Set(enabledCategories(this.settings));
    return new MentionLookup(mentions, (m) => enabled.has(m.category));
  }

  private paint(): void {
    if (!this.state) return;
    paintHighlights(
      this.state.mentions,
      new Set(enabledCategories(this.settings)),
      this.settings.firstMentionOnly,
      this.settings.highlightStyle,
    );
  }

  /** Puts the reading aid's buttons after names in enabled categories, or takes them away. */
  private placeAids(): void {
    if (!this.state || !this.settings.readingAid) return this.aid.clear();
    const enabled = new Set(enabledCategories(this.settings));
    this.aid.show(
      () => (this.settings.readingAid ? (this.state?.mentions ?? null) : null),
      (m) => enabled.has(m.category),
    );
  }

  /** Applies changed settings live: the hover look-up, an open card and the highlights follow them. */
  applySettings(settings: Settings): void {
    this.settings = settings;
    if (!this.state) return;
    this.state.lookup = this.buildLookup(this.state.mentions);
    const current = this.cards.current;
    if (current && !settings.categories[current.category]) this.cards.close();
    this.paint();
    this.placeAids();
  }

  /** Mentions in reading order that the reader can reach: shown, in enabled categories. */
  private reachable(): PageMention[] {
    const enabled = new Set(enabledCategories(this.settings));
    return dropHidden((this.state?.mentions ?? []).filter((m) => enabled.has(m.category)));
  }

  startNavigation(): void {
    this.keyboard.start();
  }

  /** Opens the card of the first mention of `entityId` ("In this story"). */
  revealEntity(entityId: string): boolean {
    const mention = this.reachable().find((m) => m.entityIds.includes(entityId));
    if (!mention) return false;
    this.cards.reveal(mention);
    return true;
  }

  /**
   * Whether `next` (a new value of the active-dataset record) is the install this page has
   * already read. The storage read can see an install's keys before their change event
   * reaches the tab; restarting for that event would clear the highlights just drawn and draw
   * the same ones again (seen in Firefox, right after the extension was installed).
   */
  alreadyUses(next: ActiveDataset | null): boolean {
    const install = this.install;
    if (!install || !this.loaded || !next) return false;
    return next.datasetId === install.datasetId && next.version === install.version && next.installedAt === install.installedAt;
  }

  stop(): void {
    setFocusHighlight(null);
    this.controller.abort();
    this.rescans.stop();
    this.cards.stop();
    clearHighlights();
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

/**
 * After an extension update or removal, this old script keeps running in the page with a
 * dead extension context; it must take its highlights and host away (docs/style.md).
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

onSettingsChanged(() => void refresh(false));
// Both keys are written in one `set` (background/dataset-installer.ts), which comes as one change.
watchItems([activeIndexItem, activeDatasetItem], (change) => {
  if (annotator?.alreadyUses(change.value(activeDatasetItem))) return;
  void refresh(true);
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const parsed = ContentRequest.safeParse(message);
  if (!parsed.success) return undefined;
  const request = parsed.data;
  // Each reply is the shape messages.ts declares for its request, which the sender parses.
  switch (request.type) {
    case 'getPageMentions':
      // With the page's host: the popup has no permission to read the tab's URL.
      return summarizeMentions(annotator?.pageState ?? null).then(
        (mentions) => ({ ...mentions, host: location.hostname }) satisfies ContentReply<'getPageMentions'>,
      );
    case 'startNavigation':
      annotator?.startNavigation();
      return Promise.resolve({ done: annotator !== null } satisfies ContentReply<'startNavigation'>);
    case 'revealEntity':
      return Promise.resolve({ done: annotator?.revealEntity(request.entityId) ?? false } satisfies ContentReply<'revealEntity'>);
    case 'getDebugReport':
      return Promise.resolve((annotator?.debugReport() ?? null) satisfies ContentReply<'getDebugReport'>);
  }
});

void refresh(false);
