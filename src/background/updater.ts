/**
 * The signed dataset updater (docs/design.md §7). It fetches `manifest.json` from the
 * update URL with a conditional request, runs the ordered checks of
 * `src/dataset/update-manifest.ts` (caps, shape, signature, expiry, version floor, length,
 * hash, schema, compile), and only then installs the new version with the shared installer
 * and raises the version floor.
 *
 * State it keeps in the trusted store (trusted-store.ts), where no content script can write:
 *   updateFloor   the highest version ever accepted (a rollback below it is refused; this
 *                 survives restarts, and the installed dataset's version is always a floor too)
 *   updateStatus  last check time, ETag of the last verified manifest, when that manifest
 *                 expires, and the plain-language outcome shown in the popup
 *   updateUrl     the address set on the options page, if any
 * It decides by the installed record there too, never by the copies in storage.local and
 * storage.sync that content scripts can write (docs/design.md §12).
 *
 * A request is conditional (If-None-Match) only for a manifest verified earlier from the same
 * URL whose `expires` is still ahead; only then does a 304 mean "up to date". Any other 304 is
 * answered by asking again for the whole manifest. "Up to date", "updated" and "stale since"
 * are all worked out from the `expires` of the last verified manifest, never without one.
 * When the active dataset is a release older than the floor (after "Reset to bundled dataset"
 * found no kept source for the release), the release at the floor is downloaded, checked and
 * installed again; until then the popup says "behind", never "up to date".
 *
 * Every failure leaves the active dataset untouched, is recorded with its time, and is retried
 * at the next alarm. Nothing here throws to the caller.
 */
import browser from 'webextension-polyfill';
import { verifyRelease } from '../dataset/update-manifest';
import { defaultUpdateUrl, pinnedKeys } from '../dataset/pinned-keys';
import { fetchDataset, fetchManifest } from './update-fetch';
import { UpdateState } from '../shared/messages';
import { UpdateUrl } from '../shared/settings';
import { onSettingsChanged, readSettings, type ActiveDataset } from '../shared/storage';
import { installDataset, readInstalledDataset } from './dataset-installer';
import { raiseFloor, readStoredFloor } from './floor';
import { readTrusted, writeTrusted, type UpdateRecord } from './trusted-store';

export const UPDATE_ALARM = 'backstory-dataset-update';

async function readRecord(): Promise<UpdateRecord | null> {
  return (await readTrusted('updateStatus')) ?? null;
}

async function writeRecord(record: UpdateRecord): Promise<void> {
  await writeTrusted('updateStatus', record);
}

/** The version floor: the stored floor, and never below the installed dataset's version. */
export async function readFloor(): Promise<number> {
  const active = await readInstalledDataset();
  // A maintainer's local file is not a release: it never raises the floor.
  const activeVersion = active && active.origin !== 'local' ? active.version : 0;
  return Math.max(await readStoredFloor(), activeVersion);
}

/** https anywhere; plain http only for this computer (a maintainer testing a release locally). */
export function isAllowedUpdateUrl(value: string): boolean {
  return UpdateUrl.safeParse(value).success;
}

/** The address set on the options page, else the project's own (or the build's, in tests). */
async function updateUrl(): Promise<string> {
  return (await readTrusted('updateUrl')) ?? defaultUpdateUrl();
}

/** The update URL the options page set; null means the project's own. */
export async function readUpdateUrl(): Promise<string | null> {
  return (await readTrusted('updateUrl')) ?? null;
}

/** Sets (or, with null, clears) the update URL; one that is not https (or local http) throws. */
export async function setUpdateUrl(url: string | null): Promise<string | null> {
  await writeTrusted('updateUrl', url ?? undefined);
  return readUpdateUrl();
}

// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
// The check

let running: Promise<UpdateState> | null = null;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` after every earlier exclusive task: the start-up install of the bundled dataset
 * and an update install never interleave.
 */
export function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/** One check at a time; a second request while one runs gets the same result. */
export function checkForUpdates(reason: string): Promise<UpdateState> {
  if (!running) {
    running = exclusive(() => runCheck(reason)).finally(() => {
      running = null;
    });
  }
  return running;
}

async function runCheck(reason: string): Promise<UpdateState> {
  const now = new Date();
  const checkedAt = now.toISOString();
  const previous = await readRecord().catch(() => null);
  let record: UpdateRecord;
  try {
    record = await attempt(now, previous);
  } catch (error) {
    record = {
      ...(previous ?? {}),
      state: {
        kind: 'error',
        checkedAt,
        message: `The update check failed unexpectedly (${error instanceof Error ? error.message : String(error)}).`,
      },
    };
  }
  await writeRecord(record).catch((error: unknown) => console.error('Backstory: could not record the update state', error));
  const state = record.state;
  if (state.kind === 'error') console.warn(`Backstory: update check (${reason}) failed: ${state.message}`);
  else console.info(`Backstory: update check (${reason}): ${state.kind}`);
  return present(record, await readInstalledDataset().catch(() => null), new Date());
}

async function attempt(now: Date, previous: UpdateRecord | null): Promise<UpdateRecord> {
  const checkedAt = now.toISOString();
  const keys = pinnedKeys();
  const keep = { ...(previous?.freshUntil ? { freshUntil: previous.freshUntil } : {}) };
  const failed = (message: string): UpdateRecord => ({
    ...(previous?.etag ? { etag: previous.etag } : {}),
    ...(previous?.etagUrl ? { etagUrl: previous.etagUrl } : {}),
    ...keep,
    state: { kind: 'error', checkedAt, message, ...staleness(keep.freshUntil, now) },
  });
  if (keys.length === 0) return { state: { kind: 'not-configured' } };
  const url = await updateUrl();
  if (!isAllowedUpdateUrl(url)) return failed('The update address must start with https://.');
  const floor = await readFloor();
  const active = await readInstalledDataset();
  // A release below the floor is installed (after a reset to the bundled dataset, or a fallback
  // to it): the release at the floor must be downloaded again, so its manifest is needed whole.
  const behind = active !== null && active.origin !== 'local' && active.version < floor;
  // A conditional request only on behalf of a manifest that was verified from this URL and has
  // not expired: a 304 then means "that manifest still holds", and nothing else can.
  const etag =
    !behind && previous?.etag !== undefined && previous.etagUrl === url && isFresh(previous.freshUntil, now) ? previous.etag : undefined;
  let manifest = await fetchManifest(url, etag);
  if (!manifest.ok) return failed(manifest.error);
  if (manifest.value.kind === 'not-modified') {
    if (etag !== undefined && isFresh(keep.freshUntil, new Date())) {
      return { etag, etagUrl: url, ...keep, state: { kind: 'up-to-date', checkedAt, version: floor } };
    }
    // A 304 that answers no condition of ours (a confused cache, or a server that says it to
    // everyone), or that came back after the manifest expired, verifies nothing: ask for the
    // whole manifest.
    manifest = await fetchManifest(url, undefined);
    if (!manifest.ok) return failed(manifest.error);
    if (manifest.value.kind === 'not-modified') {
      return failed('The update server answered “not modified” to a request for the whole manifest, so nothing could be verified.');
    }
  }
  const fetched = manifest.value;
  const verified = await verifyRelease(fetched.bytes, {
    keys,
    now,
    floor,
    ...(behind ? { installed: active.version } : {}),
    loadDataset: (payload, cap) => fetchDataset(url, payload.dataset.path, cap),
  });
  if (!verified.ok) return failed(verified.error);
  const outcome = verified.value;
  const cache = fetched.etag ? { etag: fetched.etag, etagUrl: url } : {};
  if (outcome.kind === 'current') {
    await raiseFloor(outcome.payload.version);
    return { ...cache, freshUntil: outcome.payload.expires, state: { kind: 'up-to-date', checkedAt, version: outcome.payload.version } };
  }
  if (active?.origin === 'local') {
    return failed(
      `Version ${outcome.payload.version} is available, but a local dataset file is active; reset to the bundled dataset in the options to take updates again.`,
    );
  }
  const from = active?.version ?? null;
  await installDataset(outcome.dataset, 'update');
  await raiseFloor(outcome.payload.version);
  return {
    ...cache,
    freshUntil: outcome.payload.expires,
    state: { kind: 'updated', checkedAt, version: outcome.payload.version, ...(from !== null ? { from } : {}) },
  };
}

/** True while `freshUntil` (the `expires` of a verified manifest) is in the future. */
function isFresh(freshUntil: string | undefined, now: Date): boolean {
  return freshUntil !== undefined && Date.parse(freshUntil) > now.getTime();
}

function staleness(freshUntil: string | undefined, now: Date): { staleSince?: string } {
  if (!freshUntil) return {};
  return Date.parse(freshUntil) <= now.getTime() ? { staleSince: freshUntil } : {};
}

/**
 * The state for the popup, with staleness worked out at the time of asking, always from the
 * `expires` of the last verified manifest: "up to date" and "updated" are only ever claimed
 * while such a manifest holds, and an error says "stale since" once it has run out.
 */
export async function readUpdateState(): Promise<UpdateState> {
  if (pinnedKeys().length === 0) return { kind: 'not-configured' };
  const record = await readRecord();
  if (!record) return { kind: 'never-checked' };
  return present(record, await readInstalledDataset(), new Date());
}

/**
 * A stored record as the popup shows it. Besides staleness: "up to date" or "updated" to a
 * version is never claimed beside an older active dataset (after a reset to the bundled one,
 * or beside a maintainer's local file); that is "behind".
 */
function present(record: UpdateRecord, active: ActiveDataset | null, now: Date): UpdateState {
  const state = record.state;
  if (state.kind === 'up-to-date' || state.kind === 'updated') {
    // A record that claims either without a verified manifest's expiry (written by an older
    // version after an unconditional 304) proves nothing.
    if (!record.freshUntil)
      return {
        kind: 'error',
        checkedAt: state.checkedAt,
        message: 'No update manifest has been verified yet; Backstory will check again.',
      };
    const stale = staleness(record.freshUntil, now);
    if (stale.staleSince) return { kind: 'stale', since: stale.staleSince, checkedAt: state.checkedAt };
    if (active && active.version < state.version)
      return { kind: 'behind', checkedAt: state.checkedAt, version: state.version, local: active.origin === 'local' };
    return state;
  }
  if (state.kind === 'error') {
    // Worked out now, not frozen at the time of the check.
    return { kind: 'error', checkedAt: state.checkedAt, message: state.message, ...staleness(record.freshUntil, now) };
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// Scheduling

async function intervalMinutes(): Promise<number> {
  const settings = await readSettings();
  return settings.updateIntervalHours * 60;
}

/** Creates (or re-creates, when the interval changed) the periodic alarm. */
export async function scheduleUpdates(): Promise<void> {
  const period = await intervalMinutes();
  const existing = await browser.alarms.get(UPDATE_ALARM);
  if (existing && existing.periodInMinutes === period) return;
  await browser.alarms.clear(UPDATE_ALARM);
  await browser.alarms.create(UPDATE_ALARM, { delayInMinutes: period, periodInMinutes: period });
}

/** Registers the listeners; call synchronously at the background's top level. */
export function startUpdater(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPDATE_ALARM) void checkForUpdates('alarm');
  });
  onSettingsChanged(() => void scheduleUpdates().catch((error: unknown) => console.error('Backstory: could not schedule updates', error)));
}
