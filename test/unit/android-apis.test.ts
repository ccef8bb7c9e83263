/**
 * Firefox for Android runs the Firefox build, but not every WebExtension API exists there.
 * `web-ext lint` checks API use against the Android minimum version only where it can read
 * `browser.<api>` in the shipped files, and the bundler renames `browser`, so the same check
 * runs here on the source: every `browser.<namespace>.<member>` Backstory calls must exist in
 * Firefox for Android at manifest/firefox.json's `gecko_android.strict_min_version`, by MDN's
 * compatibility data (the copy web-ext's linter ships). An API Android lacks (`commands`) may
 * only be reached through a guard that checks it first, never as `browser.commands.…`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/** The storage areas src/shared/storage.ts declares (AreaName). */
const STORAGE_AREAS = ['local', 'sync'] as const;

const ROOT = resolve(import.meta.dirname, '../..');

const Support = z.object({
  version_added: z.union([z.string(), z.boolean(), z.null()]),
  version_removed: z.string().optional(),
  partial_implementation: z.boolean().optional(),
});
const Compat = z.object({
  __compat: z.object({ support: z.object({ firefox_android: z.union([Support, z.array(Support)]).optional() }) }).optional(),
});

/** MDN's compatibility data, resolved the way addons-linter (web-ext's linter) resolves it. */
const lintRequire = createRequire(createRequire(import.meta.url).resolve('addons-linter'));
const compat = z
  .object({ webextensions: z.object({ api: z.record(z.string(), z.record(z.string(), z.unknown())) }) })
  .parse(lintRequire('@mdn/browser-compat-data'));

const androidMin = Number(
  z
    .object({ browser_specific_settings: z.object({ gecko_android: z.object({ strict_min_version: z.string() }) }) })
    .parse(JSON.parse(readFileSync(join(ROOT, 'manifest/firefox.json'), 'utf8')))
    .browser_specific_settings.gecko_android.strict_min_version.split('.')[0],
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Whether Firefox for Android has `namespace.member` at version `min`, by the compatibility data. */
function onAndroid(namespace: string, member: string, min: number): boolean {
  const entry = Compat.safeParse(compat.webextensions.api[namespace]?.[member]);
  const support = entry.success ? entry.data.__compat?.support.firefox_android : undefined;
  if (!support) return false;
  return (Array.isArray(support) ? support : [support]).some(
    (s) => typeof s.version_added === 'string' && Number(s.version_added.replace(/^≤/, '')) <= min && s.version_removed === undefined,
  );
}

describe('WebExtension APIs on Firefox for Android', () => {
  const used = new Map<string, string>();
  for (const path of sources(join(ROOT, 'src'))) {
    const source = readFileSync(path, 'utf8');
    for (const m of source.matchAll(/\bbrowser\.([a-zA-Z]+)\.([a-zA-Z]+)/g)) used.set(`${m[1]}.${m[2]}`, path.slice(ROOT.length + 1));
    // Typed storage items reach every area through one indexed access (browser.storage[area]).
    if (/\bbrowser\.storage\[/.test(source)) for (const area of STORAGE_AREAS) used.set(`storage.${area}`, path.slice(ROOT.length + 1));
  }

  it('finds the APIs the extension calls', () => {
    expect(used.has('storage.local')).toBe(true);
    expect(used.has('runtime.onMessage')).toBe(true);
  });

  it(`calls only APIs that Firefox for Android ${androidMin} has, unguarded`, () => {
    const missing = [...used]
      .filter(([api]) => {
        const [namespace = '', member = ''] = api.split('.');
        return !onAndroid(namespace, member, androidMin);
      })
      .map(([api, where]) => `${api} (${where})`);
    expect(missing).toEqual([]);
  });

  it('tells an API Android lacks from one it has', () => {
    expect(onAndroid('commands', 'onCommand', androidMin)).toBe(false);
    expect(onAndroid('menus', 'create', androidMin)).toBe(false);
    expect(onAndroid('alarms', 'create', androidMin)).toBe(true);
  });
});
