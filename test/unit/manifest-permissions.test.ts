/**
 * The permissions the extension asks for, and why each is needed (README "Permissions"). A
 * new one is a decision, not a side effect: it fails here until this list and the README
 * justify it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = resolve(import.meta.dirname, '../..');
const Manifest = z.object({
  permissions: z.array(z.string()).optional(),
  host_permissions: z.array(z.string()).optional(),
  optional_permissions: z.array(z.string()).optional(),
});
const read = (name: string) => Manifest.parse(JSON.parse(readFileSync(resolve(ROOT, 'manifest', name), 'utf8')));

describe('manifest permissions', () => {
  it('asks for storage, alarms and unlimitedStorage only, and no access to tabs (the content script reports its host)', () => {
    const base = read('base.json');
    expect(base.permissions).toEqual(['storage', 'alarms', 'unlimitedStorage']);
    for (const overlay of ['chrome.json', 'firefox.json']) {
      const extra = read(overlay);
      expect(extra.permissions ?? [], overlay).toEqual([]);
      expect(extra.optional_permissions ?? [], overlay).toEqual([]);
      expect(extra.host_permissions ?? [], overlay).toEqual([]);
    }
  });

  it('has host permission for the project’s update channel only', () => {
    expect(read('base.json').host_permissions).toEqual(['https://backstory.news/updates/*']);
  });
});
