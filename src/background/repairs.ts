/**
 * Records a repair of stored state (a damaged settings copy, a damaged index head): in the
 * console, and in the repair log that the options page shows (shared/storage.ts). Logging
 * never fails the repair it describes.
 */
import browser from 'webextension-polyfill';
import { readRepairLog, REPAIR_LOG_KEY, REPAIR_LOG_LIMIT, type RepairEntry } from '../shared/storage';

type WithoutTime<T> = T extends unknown ? Omit<T, 'at'> : never;

export async function logRepair(repair: WithoutTime<RepairEntry>, now = new Date()): Promise<void> {
  const entry: RepairEntry = { ...repair, at: now.toISOString() };
  console.warn('Backstory: repaired stored state:', JSON.stringify(entry));
  try {
    const log = await readRepairLog();
    await browser.storage.local.set({ [REPAIR_LOG_KEY]: [...log, entry].slice(-REPAIR_LOG_LIMIT) });
  } catch (error) {
    console.error('Backstory: could not record the repair', error);
  }
}
