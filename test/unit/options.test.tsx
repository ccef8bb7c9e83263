// @vitest-environment happy-dom
/**
 * The options page's views, with a fake WebExtension API: every field is validated before it
 * is saved, a local dataset is checked with the command line's schema and errors, and the
 * privacy statement says when and where the only network request goes.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../support/fake-browser';
import { dataset, entity } from '../support/mini-dataset';
import { Options } from '../../src/options/options';
import { PROJECT_UPDATE_URL } from '../../src/dataset/pinned-keys';
import { formatDatasetError, parseDataset } from '../../src/dataset/schema';
import type { Settings } from '../../src/shared/settings';
import type { ActiveDataset } from '../../src/shared/storage';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const ACTIVE: ActiveDataset = {
  datasetId: 'backstory-core',
  version: 3,
  title: 'Backstory core',
  publishedAt: '2025-11-30',
  installedAt: '2025-12-01T10:00:00.000Z',
  origin: 'bundled',
  entityCount: 40,
};

/** What the background keeps in its trusted store, as the fake background answers for it. */
let trusted: { updateUrl: string | null; repairLog: unknown[]; refuseWrites: string | null };

function background(active: ActiveDataset = ACTIVE): void {
  fakeBrowser.runtime.onBackground = (message) => {
    const request = message as { type: string; json?: string; url?: string | null };
    if (request.type === 'getStatus') return { ok: true, value: { dataset: active, update: { kind: 'never-checked' } } };
    if (request.type === 'getUpdateUrl') return { ok: true, value: trusted.updateUrl };
    if (request.type === 'setUpdateUrl') {
      if (trusted.refuseWrites !== null) return { ok: false, error: trusted.refuseWrites };
      trusted.updateUrl = request.url ?? null;
      return { ok: true, value: trusted.updateUrl };
    }
    if (request.type === 'getRepairLog') return { ok: true, value: trusted.repairLog };
    if (request.type === 'installLocalDataset')
      return { ok: true, value: { kind: 'installed', dataset: { ...ACTIVE, title: 'Test dataset', version: 9, origin: 'local' } } };
    if (request.type === 'resetToBundled') return { ok: true, value: ACTIVE };
    return { ok: false, error: 'unexpected' };
  };
}

async function stored(): Promise<Settings | undefined> {
  return (await fakeBrowser.storage.sync.get('settings')).settings as Settings | undefined;
}

function chooseFile(input: HTMLElement, text: string): void {
  const file = new File([text], 'dataset.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

beforeEach(() => {
  resetFakeBrowser();
  trusted = { updateUrl: null, repairLog: [], refuseWrites: null };
  background();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('options page', () => {
  it('saves the highlight style and "first mention only" at once', async () => {
    render(<Options />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Background colour' }));
    await waitFor(async () => expect((await stored())?.highlightStyle).toBe('background'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Mark only the first mention of each name' }));
    await waitFor(async () => expect((await stored())?.firstMentionOnly).toBe(true));
  });

  it('offers the reading aid off by default, says it is the only mode that adds to the page, and saves it at once', async () => {
    render(<Options />);
    const box = await screen.findByRole('checkbox', { name: /first mention of each name in a paragraph/ });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBe('reading-aid-hint');
    expect(document.getElementById('reading-aid-hint')?.textContent).toMatch(/only mode in which Backstory adds anything inside the page/);
    fireEvent.click(box);
    await waitFor(async () => expect((await stored())?.readingAid).toBe(true));
    // What the reader chose before is kept.
    expect((await stored())?.highlightStyle).toBe('underline');
  });

  it('saves a valid hover delay and refuses an invalid one with an error', async () => {
    render(<Options />);
    const delay = await screen.findByLabelText(/Delay before a card opens/);
    fireEvent.input(delay, { target: { value: '99999' } });
    fireEvent.change(delay);
    expect(await screen.findByText('Enter a whole number from 0 to 3000.')).toBeTruthy();
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect(await stored()).toBeUndefined();
    fireEvent.input(delay, { target: { value: '600' } });
    fireEvent.change(delay);
    await waitFor(async () => expect((await stored())?.hoverDelayMs).toBe(600));
    expect(screen.queryByText('Enter a whole number from 0 to 3000.')).toBeNull();
  });

  it('saves the update interval in whole hours from 1 to 168', async () => {
    render(<Options />);
    const interval = await screen.findByLabelText('Check for updates every (hours)');
    fireEvent.input(interval, { target: { value: '0' } });
    fireEvent.change(interval);
    expect(await screen.findByText('Enter a whole number of hours from 1 to 168.')).toBeTruthy();
    fireEvent.input(interval, { target: { value: '24' } });
    fireEvent.change(interval);
    await waitFor(async () => expect((await stored())?.updateIntervalHours).toBe(24));
  });

  it('accepts only an https update URL, and treats an empty one as the default', async () => {
    render(<Options />);
    const url = await screen.findByLabelText('Update URL (advanced)');
    fireEvent.input(url, { target: { value: 'http://example.com/manifest.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The update URL must be an https:// address.')).toBeTruthy();
    expect(fakeBrowser.runtime.sent.filter((m) => (m as { type: string }).type === 'setUpdateUrl')).toEqual([]);

    fireEvent.input(url, { target: { value: 'https://mirror.example.org/backstory/manifest.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(trusted.updateUrl).toBe('https://mirror.example.org/backstory/manifest.json');

    fireEvent.input(url, { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(trusted.updateUrl).toBeNull());
  });

  it('keeps the update URL out of the synced settings: it is sent to the background, and read from it', async () => {
    trusted.updateUrl = 'https://mirror.example.org/backstory/manifest.json';
    render(<Options />);
    const url = await screen.findByLabelText('Update URL (advanced)');
    expect((url as HTMLInputElement).value).toBe('https://mirror.example.org/backstory/manifest.json');
    expect((await screen.findByText(/The only network request Backstory makes/)).textContent).toContain(
      'https://mirror.example.org/backstory/manifest.json',
    );
    fireEvent.input(url, { target: { value: 'https://other.example.org/manifest.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(fakeBrowser.runtime.sent).toContainEqual({ type: 'setUpdateUrl', url: 'https://other.example.org/manifest.json' });
    expect(await stored()).toBeUndefined();
    expect(fakeBrowser.storage.local.data.size).toBe(0);
  });

  it('shows the shortcut and a control that opens the browser’s shortcut settings', async () => {
    render(<Options />);
    expect(await screen.findByText('Move between the names on a page: Alt+Shift+B')).toBeTruthy();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    fireEvent.click(screen.getByRole('button', { name: 'Change it in the browser’s shortcut settings' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });

  it('says so, with no broken control, where the browser has no keyboard shortcuts for extensions (Firefox for Android)', async () => {
    Object.assign(fakeBrowser, { commands: undefined });
    render(<Options />);
    expect(
      await screen.findByText(/^This browser has no keyboard shortcuts for extensions\. .*“Step through the names with the keyboard”/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change it in the browser’s shortcut settings' })).toBeNull();
    // The rest of the page is there.
    expect(screen.getByRole('radio', { name: 'Background colour' })).toBeTruthy();
  });

  it('lists every error in an invalid dataset file, as the command line does, and sends nothing', async () => {
    render(<Options />);
    const broken = dataset([entity('marco-rubio', 'person', 'Marco Rubio', [], { sources: ['http://insecure.example.com'] })]);
    chooseFile(await screen.findByLabelText('Dataset file'), JSON.stringify(broken));
    expect(await screen.findByText(/The file is not a valid dataset\. Errors: 1/)).toBeTruthy();
    const parsed = parseDataset(broken);
    const expected = parsed.ok ? [] : parsed.error.errors.map(formatDatasetError);
    expect([...document.querySelectorAll('.errors code')].map((el) => el.textContent)).toEqual(expected);
    expect(expected[0]).toMatch(/^marco-rubio {2}entities\[0\]\.sources\[0\] {2}/);
    expect(fakeBrowser.runtime.sent.filter((m) => (m as { type: string }).type === 'installLocalDataset')).toEqual([]);
  });

  it('refuses a file over 20 MB by its size, without reading it', async () => {
    render(<Options />);
    const text = vi.fn(async () => '{}');
    const huge = { name: 'huge.json', type: 'application/json', size: 20 * 1024 * 1024 + 1, text };
    const input = await screen.findByLabelText('Dataset file');
    Object.defineProperty(input, 'files', { value: [huge], configurable: true });
    fireEvent.change(input);
    expect(await screen.findByText(/The file is not a valid dataset\. Errors: 1/)).toBeTruthy();
    expect(document.querySelector('.errors code')?.textContent).toBe(
      '-  (file)  is 20971521 bytes; a dataset file may have at most 20971520 (20 MB)',
    );
    expect(text).not.toHaveBeenCalled();
    expect(fakeBrowser.runtime.sent.filter((m) => (m as { type: string }).type === 'installLocalDataset')).toEqual([]);
  });

  it('shows the count of errors found in a file broken everywhere (checking stops at 200), lists 50 and counts the rest', async () => {
    render(<Options />);
    const broken = dataset(
      Array.from({ length: 300 }, (_, i) => entity(`person-${i}`, 'person', `Person ${i}`, [], { sources: ['http://insecure.example'] })),
    );
    chooseFile(await screen.findByLabelText('Dataset file'), JSON.stringify(broken));
    expect(await screen.findByText('The file is not a valid dataset. Errors: 200')).toBeTruthy();
    expect(document.querySelectorAll('.errors code')).toHaveLength(50);
    expect(screen.getByText('…and 150 more.')).toBeTruthy();
  });

  it('says a file that is not JSON is not JSON', async () => {
    render(<Options />);
    chooseFile(await screen.findByLabelText('Dataset file'), '{ nope');
    expect(await screen.findByText(/is not valid JSON/)).toBeTruthy();
  });

  it('installs a valid dataset file as "local" through the background', async () => {
    render(<Options />);
    const text = JSON.stringify(dataset([entity('marco-rubio', 'person', 'Marco Rubio')], 9));
    chooseFile(await screen.findByLabelText('Dataset file'), text);
    expect(await screen.findByText('Installed Test dataset, version 9, as a local dataset.')).toBeTruthy();
    expect(fakeBrowser.runtime.sent).toContainEqual({ type: 'installLocalDataset', json: text });
  });

  it('offers "Reset to bundled dataset" while a local dataset is active', async () => {
    background({ ...ACTIVE, origin: 'local', title: 'My draft' });
    render(<Options />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reset to bundled dataset' }));
    expect(await screen.findByText('The bundled dataset is active again.')).toBeTruthy();
    expect(fakeBrowser.runtime.sent).toContainEqual({ type: 'resetToBundled' });
  });

  it('shows every repair the background made to stored state, newest first, and new ones as they happen', async () => {
    trusted.repairLog = [
      { kind: 'settings-discarded', at: '2025-12-01T10:00:00.000Z' },
      { kind: 'index-rebuilt', at: '2025-12-02T10:00:00.000Z', version: 7, from: 'kept' },
    ];
    render(<Options />);
    const section = await screen.findByRole('region', { name: 'Repairs' });
    const items = [...section.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/: the stored index of dataset version 7 was damaged; it was rebuilt from the kept copy of that dataset\.$/);
    expect(items[1]).toMatch(/: a damaged copy of your settings on this device was discarded; your synced settings were kept\.$/);
    // A repair of the dataset changes the active dataset, which the page follows.
    trusted.repairLog = [...trusted.repairLog, { kind: 'dataset-replaced', at: '2025-12-03T10:00:00.000Z', version: 7, bundledVersion: 3 }];
    await fakeBrowser.storage.local.set({ activeDataset: { ...ACTIVE, installedAt: '2025-12-03T10:00:00.000Z' } });
    expect(
      await screen.findByText(
        /dataset version 7 was damaged and could not be rebuilt; the bundled dataset \(version 3\) is used until the next update\./,
      ),
    ).toBeTruthy();
  });

  it('shows no repairs section when nothing was repaired', async () => {
    render(<Options />);
    await screen.findByLabelText('Dataset file');
    expect(screen.queryByRole('region', { name: 'Repairs' })).toBeNull();
  });

  it('says why a valid file was not imported when its version is already in use', async () => {
    render(<Options />);
    fakeBrowser.runtime.onBackground = (message) => {
      const request = message as { type: string };
      if (request.type === 'getStatus') return { ok: true, value: { dataset: ACTIVE, update: { kind: 'never-checked' } } };
      if (request.type === 'installLocalDataset') return { ok: true, value: { kind: 'refused', reason: 'same-as-active', version: 3 } };
      return { ok: false, error: 'unexpected' };
    };
    chooseFile(await screen.findByLabelText('Dataset file'), JSON.stringify(dataset([entity('marco-rubio', 'person', 'Marco Rubio')], 3)));
    expect(
      await screen.findByText(
        'Not imported: version 3 is the version of the active dataset. Give the file another "version" number and import it again.',
      ),
    ).toBeTruthy();
  });

  it('after a reset that restored a newer verified release, says so instead of "bundled dataset"', async () => {
    background({ ...ACTIVE, origin: 'local', title: 'My draft' });
    const onBackground = fakeBrowser.runtime.onBackground;
    fakeBrowser.runtime.onBackground = (message) =>
      (message as { type: string }).type === 'resetToBundled'
        ? { ok: true, value: { ...ACTIVE, version: 5, origin: 'update' } }
        : onBackground(message);
    render(<Options />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reset to bundled dataset' }));
    expect(
      await screen.findByText(
        'The local dataset was removed. The last verified release, version 5, is active again (it is newer than the bundled dataset).',
      ),
    ).toBeTruthy();
    expect(screen.queryByText('The bundled dataset is active again.')).toBeNull();
  });

  it('never says "Saved." when storage refused the write, and says the change is not in effect', async () => {
    render(<Options />);
    const url = await screen.findByLabelText('Update URL (advanced)');
    const refused = new Error('QUOTA_BYTES quota exceeded');
    fakeBrowser.storage.sync.failingWrites = refused;
    fakeBrowser.storage.local.failingWrites = refused;
    trusted.refuseWrites = refused.message;
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fireEvent.input(url, { target: { value: 'https://mirror.example.org/backstory/manifest.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not saved.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'Your change could not be saved, so it is not in effect: QUOTA_BYTES quota exceeded',
    );
    expect(screen.queryByText('Saved.')).toBeNull();
    // A radio choice that was not stored snaps back to what is stored.
    fireEvent.click(screen.getByRole('radio', { name: 'Background colour' }));
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Underline' })).toHaveProperty('checked', true));
    fakeBrowser.storage.sync.failingWrites = null;
    fakeBrowser.storage.local.failingWrites = null;
    trusted.refuseWrites = null;
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('carries the privacy statement: page text stays, and the one network request says when and where', async () => {
    render(<Options />);
    expect(await screen.findByText(/Page text never leaves your browser/)).toBeTruthy();
    const network = await screen.findByText(/The only network request Backstory makes/);
    expect(network.textContent).toContain('every 6 hours');
    expect(network.textContent).toContain(PROJECT_UPDATE_URL);
  });
});
