/**
 * A maintainer's own dataset file, imported on the options page. The page has
 * already validated it, but the background parses it again because it owns storage writes
 * and trusts no message. A local dataset stays active across restarts
 * (`ensureDatasetInstalled`) until "Reset to bundled dataset" removes it.
 */
import { reportDatasetErrors } from '../dataset/report';
import { formatDatasetError, parseDataset } from '../dataset/schema';
import type { LocalDatasetOutcome } from '../shared/messages';
import type { ActiveDataset } from '../shared/storage';
import { installDataset, keptReleaseVersion, loadBundledDataset, readInstalledDataset, readKeptSource } from './dataset-installer';
import { readStoredFloor } from './floor';
import { checkForUpdates, exclusive } from './updater';

/**
 * Validates `json` with the command line's schema and errors, then installs it as "local".
 * Its version must be one no other stored or bundled dataset uses: every version is written
 * under its own keys and then switched to in one step (DESIGN.md §6), which a second dataset
 * under the same number would defeat (cards overwritten in place, leftovers of the other).
 */
export async function installLocalDataset(json: string): Promise<LocalDatasetOutcome> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    const message = `is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    return { kind: 'invalid', errors: [formatDatasetError({ entity: '-', path: '(file)', message })], total: 1 };
  }
  const parsed = parseDataset(raw);
  if (!parsed.ok) {
    // The first errors and the count, never all of them: the reply is a message.
    const report = reportDatasetErrors(parsed.error.errors);
    return { kind: 'invalid', errors: report.lines, total: report.total };
  }
  const version = parsed.value.version;
  // Never interleaved with an update install: both write the active dataset.
  return exclusive(async (): Promise<LocalDatasetOutcome> => {
    const active = await readInstalledDataset();
    if (active && active.version === version) return { kind: 'refused', reason: 'same-as-active', version };
    if ((await loadBundledDataset()).version === version) return { kind: 'refused', reason: 'same-as-bundled', version };
    if (active && keptReleaseVersion(active, await readStoredFloor()) === version)
      return { kind: 'refused', reason: 'same-as-kept-release', version };
    return { kind: 'installed', dataset: await installDataset(parsed.value, 'local') };
  });
}

/**
 * Removes a local dataset (or any other) and goes back to what the extension would have
 * without it: the last verified release when it is newer than the bundled dataset, reinstalled
 * from its kept source, or else the bundled dataset. When that release's source is not kept,
 * the bundled dataset goes in and the release is fetched at once; until it is installed the
 * popup says so ("behind"), never "up to date" beside the older dataset.
 */
export async function resetToBundledDataset(): Promise<ActiveDataset> {
  const { active, fetchNow } = await exclusive(async () => {
    const bundled = await loadBundledDataset();
    const floor = await readStoredFloor();
    if (floor > bundled.version) {
      const kept = await readKeptSource(floor);
      if (kept) return { active: await installDataset(kept, 'update'), fetchNow: false };
    }
    return { active: await installDataset(bundled, 'bundled'), fetchNow: floor > bundled.version };
  });
  if (!fetchNow) return active;
  await checkForUpdates('reset to the bundled dataset');
  return (await readInstalledDataset()) ?? active;
}
