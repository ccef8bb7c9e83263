/**
 * A small in-memory stand-in for `webextension-polyfill`, for component tests of the popup
 * and options page. Storage areas fire onChanged like the real ones; i18n reads the English
 * _locales file, so tests see the real strings; messages go to handlers a test sets.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

const messages = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../assets/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** browser.i18n.getMessage, as the browsers implement it for $NAME$ placeholders and $1 contents. */
export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
  });
}

class FakeArea {
  data = new Map<string, unknown>();
  /** Set to make every call reject, like storage.sync when sync is off or over quota. */
  failing: Error | null = null;
  /** Set to make writes (set, remove) reject while reads still work, like a full or broken store. */
  failingWrites: Error | null = null;
  constructor(
    private readonly name: string,
    private readonly listeners: Set<Listener>,
  ) {}
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    if (this.failing) throw this.failing;
    const wanted = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const key of wanted) if (this.data.has(key)) out[key] = structuredClone(this.data.get(key));
    return out;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failing) throw this.failing;
    if (this.failingWrites) throw this.failingWrites;
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: this.data.get(key), newValue: value };
      this.data.set(key, structuredClone(value));
    }
    for (const listener of this.listeners) listener(changes, this.name);
  }
  async remove(keys: string | string[]): Promise<void> {
    if (this.failing) throw this.failing;
    if (this.failingWrites) throw this.failingWrites;
    const changes: Record<string, { oldValue?: unknown }> = {};
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      if (!this.data.has(key)) continue;
      changes[key] = { oldValue: this.data.get(key) };
      this.data.delete(key);
    }
    if (Object.keys(changes).length > 0) for (const listener of this.listeners) listener(changes, this.name);
  }
}

interface FakeAlarm {
  name: string;
  periodInMinutes?: number;
  delayInMinutes?: number;
}

/** browser.alarms, keeping what was created; a test fires one with `fire(name)`. */
function createFakeAlarms() {
  const alarms = new Map<string, FakeAlarm>();
  const listeners = new Set<(alarm: FakeAlarm) => void>();
  return {
    all: alarms,
    get: async (name: string): Promise<FakeAlarm | undefined> => alarms.get(name),
    clear: async (name: string): Promise<boolean> => alarms.delete(name),
    create: async (name: string, info: Omit<FakeAlarm, 'name'>): Promise<void> => void alarms.set(name, { name, ...info }),
    onAlarm: { addListener: (l: (alarm: FakeAlarm) => void) => void listeners.add(l) },
    fire: (name: string): void => {
      const alarm = alarms.get(name);
      if (alarm) for (const l of listeners) l(alarm);
    },
  };
}

export interface FakeTab {
  id: number;
  url?: string;
  active?: boolean;
}

export function createFakeBrowser() {
  const listeners = new Set<Listener>();
  const fake = {
    storage: {
      sync: new FakeArea('sync', listeners),
      local: new FakeArea('local', listeners),
      onChanged: {
        addListener: (l: Listener) => void listeners.add(l),
        removeListener: (l: Listener) => void listeners.delete(l),
      },
    },
    i18n: { getMessage, getUILanguage: () => 'en' },
    runtime: {
      id: 'backstory-test',
      getURL: (path: string) => `chrome-extension://backstory-test/${path}`,
      /** Replies to BackgroundRequest messages; tests replace it. */
      onBackground: (_message: unknown): unknown => ({ ok: false, error: 'no handler' }),
      sent: [] as unknown[],
      async sendMessage(message: unknown): Promise<unknown> {
        fake.runtime.sent.push(message);
        return fake.runtime.onBackground(message);
      },
      openOptionsPage: async () => undefined,
    },
    tabs: {
      list: [] as FakeTab[],
      /** Replies to ContentRequest messages per tab; a throw is "no content script here". */
      onContent: (_tabId: number, _message: unknown): unknown => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      sent: [] as { tabId: number; message: unknown }[],
      async query(filter: { active?: boolean }): Promise<FakeTab[]> {
        return fake.tabs.list.filter((t) => filter.active === undefined || t.active === filter.active);
      },
      async get(id: number): Promise<FakeTab> {
        const tab = fake.tabs.list.find((t) => t.id === id);
        if (!tab) throw new Error(`No tab with id: ${id}`);
        return tab;
      },
      async sendMessage(tabId: number, message: unknown): Promise<unknown> {
        fake.tabs.sent.push({ tabId, message });
        return fake.tabs.onContent(tabId, message);
      },
      create: async (_props: { url: string }) => ({ id: 99 }),
    },
    alarms: createFakeAlarms(),
    commands: {
      getAll: async () => [{ name: 'navigate-mentions', shortcut: 'Alt+Shift+B', description: '' }],
    },
  };
  return fake;
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

/** The one instance `vi.mock('webextension-polyfill')` hands out; reset it between tests. */
export const fakeBrowser: FakeBrowser = createFakeBrowser();

export function resetFakeBrowser(): void {
  Object.assign(fakeBrowser, createFakeBrowser());
}
