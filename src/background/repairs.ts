/**
 * Records a repair of stored state (a damaged settings copy, a damaged index head): in the
 * console, and in the repair log in the trusted store, which the options page shows. Logging
 * never fails the repair it describes.
 */
import { REPAIR_LOG_LIMIT, type RepairEntry } from '../shared/messages';
import { changeTrusted, readTrusted } from './trusted-store';

type WithoutTime<T> = T extends unknown ? Omit<T, 'at'> : never;

export async function logRepair(repair: WithoutTime<RepairEntry>, now = new Date()): Promise<void> {
  const entry: RepairEntry = { ...repair, at: now.toISOString() };
  console.warn('Backstory: repaired stored state:', JSON.stringify(entry));
  try {
    await changeTrusted('repairLog', (log) => [...(log ?? []), entry].slice(-REPAIR_LOG_LIMIT));
  } catch (error) {
    console.error('Backstory: could not record the repair', error);
  }
}

/** The repair log, oldest first. */
export async function readRepairLog(): Promise<RepairEntry[]> {
  return (await readTrusted('repairLog')) ?? [];
}
