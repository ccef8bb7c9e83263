/**
 * The reading aid, loaded only for readers who turn it on: its script (content-aid.js, built
 * from reading-aid.ts) is imported on first use, so no other reader's tab fetches or compiles
 * it. It runs in the content script's world, like content-main.js (see loader.ts).
 */
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import type { PageMention } from './mention-ranges';
import type { ReadingAid } from './reading-aid';

const AID_SCRIPT = 'content-aid.js';
type AidModule = typeof import('./reading-aid');

export class LazyReadingAid {
  private aid: ReadingAid | null = null;
  private loading: Promise<ReadingAid | null> | null = null;

  constructor(
    private readonly onActivate: (mention: PageMention, button: HTMLElement) => void,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * Places the buttons, loading the aid first when it is not yet here. `wanted` gives the
   * mentions to place them after, or null once the reader no longer wants them; it is asked
   * again after the load, which a settings change may have overtaken.
   */
  show(wanted: () => readonly PageMention[] | null, placeable: (m: PageMention) => boolean): void {
    const place = (aid: ReadingAid | null): void => {
      const mentions = wanted();
      if (aid && mentions && !this.signal.aborted) aid.show(mentions, placeable);
    };
    if (this.aid) place(this.aid);
    else void this.load().then(place);
  }

  clear(): void {
    this.aid?.clear();
  }

  private load(): Promise<ReadingAid | null> {
    this.loading ??= (import(/* @vite-ignore */ browser.runtime.getURL(AID_SCRIPT)) as Promise<AidModule>).then(
      (module) =>
        (this.aid = new module.ReadingAid({ onActivate: this.onActivate, labelFor: (name) => t('aid_about', name) }, this.signal)),
      (error: unknown) => {
        console.error('Backstory: the reading aid could not load.', error);
        this.loading = null;
        return null;
      },
    );
    return this.loading;
  }
}
