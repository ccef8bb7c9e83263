/**
 * Loads the built extension into real browsers: dist/chrome into Chromium with
 * playwright-core, dist/firefox into Firefox ESR with puppeteer-core over WebDriver BiDi, in a
 * desktop window with a mouse or (LaunchOptions) a phone-sized one with a touch screen.
 * Both are wrapped in one small interface so every end-to-end test runs in both.
 * A missing browser is an error that names the install command, never a silent skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { extensionWorker, launchChromium } from '../support/chromium';
import { browserPath, type BrowserName } from '../support/installed-browsers';

export { BROWSER_NAMES, type BrowserName } from '../support/installed-browsers';

/** The build under test: dist/, or BACKSTORY_OUT_DIR when a test builds its own variant. */
export const DIST = resolve(import.meta.dirname, '../..', process.env.BACKSTORY_OUT_DIR ?? 'dist');

const GECKO_ID = 'backstory@backstory.news';
const FIREFOX_UUID = '6f1d5a3e-2b7c-4e0a-9d4b-8c3f2a1e5b70';

/** The part of a page both drivers share. */
export interface TestPage {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  mouse: { move(x: number, y: number): Promise<void>; click(x: number, y: number): Promise<void> };
  /** A finger's tap; only in a browser launched with `touch: true`. */
  touchscreen: { tap(x: number, y: number): Promise<void> };
  keyboard: { press(key: 'Escape' | 'Enter' | 'Tab' | 'End' | 'Home' | 'Space'): Promise<void> };
  screenshot(options: { path: string }): Promise<unknown>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  /** Uncaught errors the page has thrown since it was opened. */
  errors: string[];
  /** URLs of every request the page (and any script running in it) has made. */
  requests: string[];
  /** Errors and warnings logged to the console since the page was opened (a hydration mismatch, say). */
  console: string[];
}

export interface ExtensionBrowser {
  name: BrowserName;
  newPage(url: string): Promise<TestPage>;
  /** Opens the extension's popup as a page. */
  openPopup(): Promise<TestPage>;
  /**
   * Brings `page` to the front and sends `message` from an extension context to the active
   * tab's content script, exactly as the keyboard shortcut's handler does.
   */
  sendToTab(page: TestPage, message: unknown): Promise<unknown>;
  /** The text inside Backstory's closed shadow root on `page`, or null when there is no host. */
  cardText(page: TestPage): Promise<string | null>;
  /**
   * The client rectangle (CSS pixels, as the page's own getBoundingClientRect gives them) of the
   * first element matching `selector` inside Backstory's closed shadow root, or null.
   */
  shadowBox(page: TestPage, selector: string): Promise<ClientBox | null>;
  /** The computed `properties` of the first element matching `selector` in Backstory's shadow root, or null. */
  shadowStyle(page: TestPage, selector: string, properties: string[]): Promise<Record<string, string> | null>;
  /** Chromium only: the extension's fixed origin, `chrome-extension://<id>`. */
  fixedOrigin?: string;
  /** Chromium only: the markup inside the closed shadow root, read over DevTools, for axe. */
  cardMarkup?(page: TestPage): Promise<string | null>;
  /** Chromium only: the page's accessibility tree (DevTools' Accessibility.getFullAXTree), ignored nodes left out. */
  accessibilityTree?(page: TestPage): Promise<AxNode[]>;
  close(): Promise<void>;
}

/** A node of the accessibility tree, as a screen reader is given it. */
export interface AxNode {
  role: string;
  name: string;
  /** Properties such as focused or modal, by name. */
  properties: Record<string, unknown>;
}

export interface ClientBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
  width: number;
  height: number;
}

/** Evaluated on an element inside the shadow root: its client rectangle, as JSON. */
const BOX_OF = `function (element) {
  if (!element) return 'null';
  const r = element.getBoundingClientRect();
  return JSON.stringify({ top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height });
}`;

/** Evaluated on an element inside the shadow root: the computed values of the named properties, as JSON. */
const styleOf = (properties: string[]): string => `function (element) {
  if (!element) return 'null';
  const style = getComputedStyle(element);
  return JSON.stringify(Object.fromEntries(${JSON.stringify(properties)}.map((p) => [p, style.getPropertyValue(p)])));
}`;

/**
 * How a browser is launched. By default: a 1280 × 800 desktop window with a mouse, which
 * every test but the touch tests uses.
 */
export interface LaunchOptions {
  /**
   * A touch screen: TestPage.touchscreen taps, and in Chromium a mobile viewport (isMobile,
   * which honours <meta name="viewport">). Firefox emulates no mobile viewport over BiDi.
   */
  touch?: boolean;
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel, for screenshots a phone would show. */
  deviceScaleFactor?: number;
}

const DESKTOP_VIEWPORT = { width: 1280, height: 800 };
/** A phone held upright (CSS pixels), for the touch tests and screenshots. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

function distFor(name: BrowserName): string {
  const dir = join(DIST, name === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run npm run build first.`);
  return dir;
}

export async function launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return name === 'chromium' ? extensionInChromium(options) : extensionInFirefox(options);
}

async function extensionInChromium(options: LaunchOptions): Promise<ExtensionBrowser> {
  const dir = distFor('chromium');
  const profile = mkdtempSync(join(tmpdir(), 'backstory-chromium-'));
  const context: BrowserContext = await launchChromium(profile, {
    extension: dir,
    viewport: options.viewport ?? DESKTOP_VIEWPORT,
    ...(options.touch ? { touch: true } : {}),
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
  });
  const { worker, extensionId } = await extensionWorker(context);
  const wrap = (page: PlaywrightPage): TestPage => {
    const errors: string[] = [];
    const requests: string[] = [];
    const console: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.push(`${message.type()}: ${message.text()}`);
    });
    return {
      errors,
      requests,
      console,
      goto: (url) => page.goto(url, { waitUntil: 'domcontentloaded' }),
      reload: () => page.reload(),
      evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => page.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown),
      mouse: page.mouse,
      touchscreen: { tap: (x, y) => page.touchscreen.tap(x, y) },
      keyboard: { press: (key) => page.keyboard.press(key) },
      screenshot: (shot) => page.screenshot(shot),
      bringToFront: () => page.bringToFront(),
      close: () => page.close(),
    };
  };
  const pages = new Map<TestPage, PlaywrightPage>();
  /** Runs `fn` (a function's source, given the element) on `selector` in the closed shadow root, over DevTools. */
  const inShadow = async (testPage: TestPage, selector: string, fn: string): Promise<string | null> => {
    const page = pages.get(testPage);
    if (!page) throw new Error('unknown page');
    return inCardShadow(page, selector, fn);
  };
  return {
    name: 'chromium',
    fixedOrigin: `chrome-extension://${extensionId}`,
    async newPage(url) {
      const page = await context.newPage();
      const wrapped = wrap(page);
      pages.set(wrapped, page);
      await page.goto(url);
      return wrapped;
    },
    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
      return wrap(page);
    },
    async sendToTab(page, message) {
      await page.bringToFront();
      return worker.evaluate(async (msg) => {
        const api = (globalThis as unknown as { chrome: TabsApi }).chrome;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        if (tab?.id === undefined) throw new Error('no active tab');
        return api.tabs.sendMessage(tab.id, msg);
      }, message);
    },
    async cardText(testPage) {
      const page = pages.get(testPage);
      if (!page) throw new Error('unknown page');
      // DevTools sees closed shadow roots; the page's own scripts cannot.
      const cdp = await context.newCDPSession(page);
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
      await cdp.detach();
      const host = findNode(root, (n) => n.localName === 'backstory-card');
      return host ? collectCdpText(host) : null;
    },
    async shadowBox(testPage, selector) {
      return JSON.parse((await inShadow(testPage, selector, BOX_OF)) ?? 'null') as ClientBox | null;
    },
    async shadowStyle(testPage, selector, properties) {
      return JSON.parse((await inShadow(testPage, selector, styleOf(properties))) ?? 'null') as Record<string, string> | null;
    },
    async cardMarkup(testPage) {
      const page = pages.get(testPage);
      if (!page) throw new Error('unknown page');
      const cdp = await context.newCDPSession(page);
      try {
        const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
        const shadow = findNode(root, (n) => n.localName === 'backstory-card')?.shadowRoots?.[0];
        if (!shadow) return null;
        const parts: string[] = [];
        for (const child of shadow.children ?? []) {
          if (child.nodeId === undefined) continue;
          const { outerHTML } = (await cdp.send('DOM.getOuterHTML', { nodeId: child.nodeId })) as { outerHTML: string };
          parts.push(outerHTML);
        }
        return parts.join('');
      } finally {
        await cdp.detach();
      }
    },
    async accessibilityTree(testPage) {
      const page = pages.get(testPage);
      if (!page) throw new Error('unknown page');
      const cdp = await context.newCDPSession(page);
      try {
        const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: CdpAxNode[] };
        return nodes
          .filter((n) => !n.ignored)
          .map((n) => ({
            role: String(n.role?.value ?? ''),
            name: String(n.name?.value ?? ''),
            properties: Object.fromEntries((n.properties ?? []).map((p) => [p.name, p.value.value])),
          }));
      } finally {
        await cdp.detach();
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The slice of the extension API that sendToTab evaluates in an extension context. */
interface TabsApi {
  tabs: {
    query(query: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

interface CdpAxNode {
  ignored?: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
  properties?: { name: string; value: { value?: unknown } }[];
}

export interface CdpNode {
  nodeId?: number;
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

export function findNode(node: CdpNode, test: (n: CdpNode) => boolean): CdpNode | null {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return null;
}

/**
 * Chromium only: runs `fn` (a function's source, given the element) on `selector` inside the
 * card's closed shadow root, over DevTools, and returns its result when it is a string.
 */
export async function inCardShadow(page: PlaywrightPage, selector: string, fn: string): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const shadow = findNode(root, (n) => n.localName === 'backstory-card')?.shadowRoots?.[0];
    if (shadow?.nodeId === undefined) return null;
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector })) as { nodeId: number };
    if (!nodeId) return null;
    const { object } = (await cdp.send('DOM.resolveNode', { nodeId })) as { object: { objectId?: string } };
    if (!object.objectId) return null;
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () { return (${fn})(this); }`,
      returnByValue: true,
    })) as { result: { value?: unknown } };
    return typeof result.value === 'string' ? result.value : null;
  } finally {
    await cdp.detach();
  }
}

function collectCdpText(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.localName === 'style') return '';
  return [...(node.shadowRoots ?? []), ...(node.children ?? [])].map(collectCdpText).join(' ');
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface BidiNode {
  type: string;
  sharedId?: string;
  value?: { nodeType?: number; nodeValue?: string; localName?: string; children?: BidiNode[]; shadowRoot?: BidiNode | null };
}

function collectBidiText(node: BidiNode | null | undefined): string {
  const value = node?.value;
  if (!value) return '';
  if (value.nodeType === 3) return value.nodeValue ?? '';
  if (value.localName === 'style') return '';
  return [collectBidiText(value.shadowRoot), ...(value.children ?? []).map(collectBidiText)].join(' ');
}

async function extensionInFirefox(options: LaunchOptions): Promise<ExtensionBrowser> {
  const dir = distFor('firefox');
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: browserPath('firefox'),
    headless: true,
    defaultViewport: {
      ...(options.viewport ?? DESKTOP_VIEWPORT),
      ...(options.touch ? { hasTouch: true } : {}),
      ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }) },
  });
  await browser.installExtension(dir);
  const base = `moz-extension://${FIREFOX_UUID}/`;
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const wrap = (page: PuppeteerPage): TestPage => {
    const errors: string[] = [];
    const requests: string[] = [];
    const console: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') console.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => {
      const message = error instanceof Error ? error.message : String(error);
      // Firefox reports a saved page's own web fonts, blocked offline, as page errors; they are
      // the page's style sheets failing to reach the internet, not a script error.
      if (/^Cross-Origin Request Blocked: .* at https:\/\/(?!127\.0\.0\.1)/.test(message)) return;
      errors.push(message);
    });
    page.on('request', (request) => requests.push(request.url()));
    return {
      errors,
      requests,
      console,
      goto: (url) => page.goto(url, { waitUntil: 'domcontentloaded' }),
      reload: () => page.reload(),
      evaluate: async <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
        (await page.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as T,
      mouse: { move: (x, y) => page.mouse.move(x, y), click: (x, y) => page.mouse.click(x, y) },
      touchscreen: { tap: (x, y) => page.touchscreen.tap(x, y) },
      // Puppeteer names the space bar by its character.
      keyboard: { press: (key) => page.keyboard.press(key === 'Space' ? ' ' : key) },
      screenshot: (shot) => page.screenshot({ path: shot.path as `${string}.png` }),
      bringToFront: () => page.bringToFront(),
      close: () => page.close(),
    };
  };
  const pages = new Map<TestPage, PuppeteerPage>();
  /** Runs `fn` (a function's source, given the element) on `selector` in the closed shadow root, over BiDi. */
  const inShadow = async (testPage: TestPage, selector: string, fn: string): Promise<string | null> => {
    const page = pages.get(testPage);
    if (!page) throw new Error('unknown page');
    const context = (page.mainFrame() as unknown as { _id: string })._id;
    const reply = await connection.send('script.evaluate', {
      expression: 'document.querySelector("backstory-card")',
      target: { context },
      awaitPromise: false,
      serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
    });
    const host = (reply.result as { result?: BidiNode }).result;
    const shadowRoot = host?.value?.shadowRoot?.sharedId;
    if (!shadowRoot) return null;
    // WebDriver hands the closed shadow root itself to a function run in the page.
    const call = await connection.send('script.callFunction', {
      functionDeclaration: `(root, selector) => (${fn})(root.querySelector(selector))`,
      arguments: [{ sharedId: shadowRoot }, { type: 'string', value: selector }],
      target: { context },
      awaitPromise: false,
    });
    const value = (call.result as { result?: { type: string; value?: unknown } }).result;
    return value?.type === 'string' && typeof value.value === 'string' ? value.value : null;
  };
  /**
   * The welcome tab the extension opens on install (later navigated to the popup);
   * BiDi cannot navigate to moz-extension:// itself.
   */
  const extensionPage = async (): Promise<PuppeteerPage> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      for (const page of await browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(base)) return page;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the extension did not open its welcome page in Firefox');
  };
  return {
    name: 'firefox',
    async newPage(url) {
      const page = await browser.newPage();
      const wrapped = wrap(page);
      pages.set(wrapped, page);
      await page.goto(url);
      return wrapped;
    },
    async openPopup() {
      const page = await extensionPage();
      const target = `${base}popup/popup.html`;
      await page.evaluate((url) => {
        location.href = url;
      }, target);
      for (let attempt = 0; attempt < 100; attempt++) {
        const ready = await page
          .evaluate(() => location.pathname === '/popup/popup.html' && document.readyState === 'complete')
          .catch(() => false);
        if (ready) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return wrap(page);
    },
    async sendToTab(page, message) {
      const sender = await extensionPage();
      await page.bringToFront();
      return sender.evaluate(async (msg: unknown) => {
        const api = (globalThis as unknown as { browser: TabsApi }).browser;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        if (tab?.id === undefined) throw new Error('no active tab');
        return api.tabs.sendMessage(tab.id, msg);
      }, message);
    },
    async cardText(testPage) {
      const page = pages.get(testPage);
      if (!page) throw new Error('unknown page');
      const context = (page.mainFrame() as unknown as { _id: string })._id;
      const reply = await connection.send('script.evaluate', {
        expression: 'document.querySelector("backstory-card")',
        target: { context },
        awaitPromise: false,
        serializationOptions: { maxDomDepth: 50, includeShadowTree: 'all' },
      });
      const result = (reply.result as { result?: BidiNode }).result;
      if (!result || result.type !== 'node') return null;
      return collectBidiText(result);
    },
    async shadowBox(testPage, selector) {
      return JSON.parse((await inShadow(testPage, selector, BOX_OF)) ?? 'null') as ClientBox | null;
    },
    async shadowStyle(testPage, selector, properties) {
      return JSON.parse((await inShadow(testPage, selector, styleOf(properties))) ?? 'null') as Record<string, string> | null;
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Stores `settings` as the extension's settings object, from one of its own pages (the popup,
 * say), as the popup and the options page do: every reader sees the change at once.
 */
export async function storeSettings(page: TestPage, settings: unknown): Promise<void> {
  await page.evaluate(async (value) => {
    interface Sync {
      storage: { sync: { set(items: Record<string, unknown>): Promise<void> } };
    }
    const api = globalThis as unknown as { browser?: Sync; chrome?: Sync };
    const extension = api.browser ?? api.chrome;
    if (!extension) throw new Error('storeSettings needs one of the extension’s own pages');
    await extension.storage.sync.set({ settings: value });
  }, settings);
}

/** Polls `check` until it returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check().catch(() => undefined);
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last value: ${JSON.stringify(last)})`);
}
