/**
 * Moves the state that earlier versions kept in storage.local and storage.sync into the
 * trusted store (trusted-store.ts), once, at the first background start of this version, so
 * that nobody's update state is lost: the version floor, the update status, the repair log,
 * the kept dataset sources, the installed dataset's record, and the update URL from the
 * settings. Each value is parsed with its schema; one that does not parse stays behind.
 *
 * After that (the trusted store remembers the move), those keys are only ever removed: a
 * content script that writes `updateFloor` or a settings `updateUrl` changes nothing.
 */
import { parseDataset } from '../dataset/schema';
import { RepairEntry, REPAIR_LOG_LIMIT } from '../shared/messages';
import {
  activeDatasetItem,
  LEGACY_LOCAL_KEYS,
  LEGACY_SOURCE_PREFIX,
  readSettingsCopies,
  readWholeArea,
  removeListedKeys,
  versionOfKey,
} from '../shared/storage';
import { isTrustedStoreInMemory, keepSource, parseTrusted, readTrusted, writeTrustedMany } from './trusted-store';

/** The storage.local keys earlier versions wrote; `source:<version>` keys too. */
export const LEGACY_KEYS = LEGACY_LOCAL_KEYS;

function isLegacySource(key: string): boolean {
  const versioned = versionOfKey(key);
  return versioned !== null && versioned.prefix === LEGACY_SOURCE_PREFIX && versioned.whole;
}

let moving: Promise<void> | null = null;

/** Runs the move; a second call while one runs (install and start-up events together) waits for it. */
export function moveLegacyState(now = new Date()): Promise<void> {
  moving ??= move(now).finally(() => {
    moving = null;
  });
  return moving;
}

async function move(now: Date): Promise<void> {
  // A store in memory starts empty at each start: nothing is moved into it, and the old floor,
  // status and log stay where they are (never read) for a start that has IndexedDB.
  if (await isTrustedStoreInMemory()) return;
  const stored = await readWholeArea('local');
  const legacy = Object.keys(stored).filter((key) => (LEGACY_KEYS as readonly string[]).includes(key) || isLegacySource(key));
  if ((await readTrusted('movedFromStorage')) === undefined) {
    for (const key of legacy.filter(isLegacySource)) {
      const parsed = parseDataset(stored[key]);
      if (parsed.ok && versionOfKey(key)?.version === parsed.value.version) await keepSource(parsed.value);
    }
    const moved = {
      updateFloor: parseTrusted('updateFloor', stored.updateFloor),
      updateStatus: parseTrusted('updateStatus', stored.updateStatus),
      repairLog: repairLog(stored.repairLog),
      // storage.local keeps its copy: content scripts read it.
      installed: parseTrusted('installed', stored[activeDatasetItem.key]),
      updateUrl: await settingsUpdateUrl(),
    };
    // The values found and the mark that they were moved go in one transaction: all, or none.
    await writeTrustedMany({
      ...Object.fromEntries(Object.entries(moved).filter(([, value]) => value !== undefined)),
      movedFromStorage: now.toISOString(),
    });
  }
  await removeListedKeys('local', legacy);
}

/** The entries of a stored repair log that parse, the newest REPAIR_LOG_LIMIT. */
function repairLog(value: unknown): RepairEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries = value.flatMap((item: unknown) => {
    const parsed = RepairEntry.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  return entries.length > 0 ? entries.slice(-REPAIR_LOG_LIMIT) : undefined;
}

/** `updateUrl` of stored settings older than version 2, which had the field. */
async function settingsUpdateUrl(): Promise<string | undefined> {
  const { raw } = await readSettingsCopies();
  if (typeof raw !== 'object' || raw === null || !('updateUrl' in raw)) return undefined;
  if ('version' in raw && typeof raw.version === 'number' && raw.version >= 2) return undefined;
  return parseTrusted('updateUrl', raw.updateUrl);
}
