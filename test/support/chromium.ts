/**
 * Starts Chromium as every run here does: the installed browser, a profile folder the caller
 * owns, and one unpacked build of the extension when given. The end-to-end harness, the update
 * tests, the bench and the demo each wrap it with what they need.
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { browserPath } from './installed-browsers';

/** Headless without a GPU or a sandbox, and none of Chromium's own background traffic. */
const HEADLESS_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface ChromiumOptions {
  /** The unpacked extension to load (a dist/chrome folder), or null for none. */
  extension: string | null;
  /** False opens a window (the demo). Default true. */
  headless?: boolean;
  /** The page size; null follows the window; left out, playwright's default. */
  viewport?: { width: number; height: number } | null;
  /** Flags of the caller's own, after the shared ones. */
  args?: string[];
  /** A phone's touch screen: touch events, and a mobile viewport that honours <meta name="viewport">. */
  touch?: boolean;
  /** Device pixels per CSS pixel. */
  deviceScaleFactor?: number;
  /** The browser's environment, where it differs from this process's (LANGUAGE sets its UI language). */
  env?: Record<string, string>;
}

export function launchChromium(profile: string, options: ChromiumOptions): Promise<BrowserContext> {
  const headless = options.headless ?? true;
  const { extension } = options;
  return chromium.launchPersistentContext(profile, {
    executablePath: browserPath('chromium'),
    headless,
    ...(options.viewport === undefined ? {} : { viewport: options.viewport }),
    ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
    ...(options.deviceScaleFactor === undefined ? {} : { deviceScaleFactor: options.deviceScaleFactor }),
    ...(options.env === undefined ? {} : { env: { ...process.env, ...options.env } }),
    args: [
      ...(headless ? HEADLESS_FLAGS : []),
      '--no-first-run',
      '--disable-sync',
      ...(options.args ?? []),
      ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
    ],
  });
}

/** The extension's service worker, waited for if it has not started yet, and the extension id in its URL. */
export async function extensionWorker(context: BrowserContext): Promise<{ worker: Worker; extensionId: string }> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { worker, extensionId: new URL(worker.url()).host };
}
