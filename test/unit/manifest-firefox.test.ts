/**
 * The Firefox versions the manifest asks for, desktop and Android, and why: a lower minimum
 * would install where Backstory cannot draw or where the manifest is not understood (web-ext
 * lint warns), a higher one would turn readers away for nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const Firefox = z.object({
  browser_specific_settings: z.object({
    gecko: z.object({ strict_min_version: z.string(), data_collection_permissions: z.object({ required: z.array(z.string()) }) }),
    gecko_android: z.object({ strict_min_version: z.string() }),
  }),
});
const firefox = Firefox.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest/firefox.json'), 'utf8')));

describe('Firefox manifest versions', () => {
  it('needs Firefox 140 on desktop, the first with CSS.highlights and data_collection_permissions', () => {
    expect(firefox.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
  });

  it('needs Firefox for Android 142, where data_collection_permissions arrived (highlights came in 140)', () => {
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions.required).toEqual(['none']);
    expect(firefox.browser_specific_settings.gecko_android.strict_min_version).toBe('142.0');
  });
});
