/**
 * The version floor (DESIGN.md §7): the highest release version ever accepted, kept in the
 * trusted store (trusted-store.ts), where content scripts cannot raise it. A release below it
 * is a rollback and is refused. It is also the version of the last verified release, which the
 * installer keeps the source of while an older or local dataset is active, so "Reset to
 * bundled dataset" can restore it.
 */
import { changeTrusted, readTrusted } from './trusted-store';

/** The stored floor alone (0 when none); `readFloor` in updater.ts also counts the installed dataset. */
export async function readStoredFloor(): Promise<number> {
  return (await readTrusted('updateFloor')) ?? 0;
}

/** Raises the floor to `version` (never lowers it), in one transaction. */
export async function raiseFloor(version: number): Promise<void> {
  await changeTrusted('updateFloor', (floor) => Math.max(floor ?? 0, version));
}
