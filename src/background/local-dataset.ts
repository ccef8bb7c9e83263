/**
 * A maintainer's own dataset file, imported on the options page (issue 6). The page has
 * already validated it, but the background parses it again because it owns storage writes
 * and trusts no message. A local dataset stays active across restarts
 * (`ensureDatasetInstalled`) until "Reset to bundled dataset" removes it.
 */
import { reportDatasetErrors } from '../dataset/report';
import { formatDatasetError, parseDataset } from '../dataset/schema';
import type { LocalDatasetOutcome } from '../shared/messages';
import type { ActiveDataset } from '../shared/storage';
import { installDataset, loadBundledDataset } from './dataset-installer';
import { exclusive } from './updater';

/** Validates `json` with the command line's schema and errors, then installs it as "local". */
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
    const report = reportDatasetErrors(parsed.errors);
    return { kind: 'invalid', errors: report.lines, total: report.total };
  }
  // Never interleaved with an update install: both write the active dataset.
  const dataset = await exclusive(() => installDataset(parsed.dataset, 'local'));
  return { kind: 'installed', dataset };
}

/** Removes a local dataset by installing the bundled one over it. */
export function resetToBundledDataset(): Promise<ActiveDataset> {
  return exclusive(async () => installDataset(await loadBundledDataset(), 'bundled'));
}
