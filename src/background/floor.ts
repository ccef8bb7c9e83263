/**
 * The version floor (DESIGN.md §7): the highest release version ever accepted, kept in
 * storage.local apart from the dataset. A release below it is a rollback and is refused. It is
 * also the version of the last verified release, which the installer keeps the source of while
 * an older or local dataset is active, so "Reset to bundled dataset" can restore it.
 */
import browser from 'webextension-polyfill';
import { z } from 'zod';

export const FLOOR_KEY = 'updateFloor';

const Floor = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** The stored floor alone (0 when none); `readFloor` in updater.ts also counts the active dataset. */
export async function readStoredFloor(): Promise<number> {
  const parsed = Floor.safeParse((await browser.storage.local.get(FLOOR_KEY))[FLOOR_KEY]);
  return parsed.success ? parsed.data : 0;
}

export async function raiseFloor(version: number): Promise<void> {
  if (version > (await readStoredFloor())) await browser.storage.local.set({ [FLOOR_KEY]: version });
}
