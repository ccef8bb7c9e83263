/**
 * Guards the _locales files: English and Ukrainian have the same keys and placeholders, and
 * every key the code uses (t('…'), i18n.getMessage('…'), data-i18n="…", __MSG_…__ in the
 * manifests) exists. A string added in code without its translations fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../src/dataset/schema';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'uk'] as const;

type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;

function load(locale: string): Messages {
  return JSON.parse(readFileSync(join(ROOT, 'assets/_locales', locale, 'messages.json'), 'utf8')) as Messages;
}

function files(dir: string, extensions: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, extensions) : extensions.test(name) ? [path] : [];
  });
}

/** Keys built in a template literal, and every key each one can become. */
const TEMPLATE_KEYS: Record<string, readonly string[]> = {
  category_: CATEGORY_IDS.map((id) => `category_${id}`),
  options_style_: ['options_style_underline', 'options_style_background'],
};

/** Every message key the source and the manifests refer to, with where it was seen. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const add = (key: string, where: string): void => void used.set(key, where);
  for (const path of files(join(ROOT, 'src'), /\.(ts|tsx|html)$/)) {
    const text = readFileSync(path, 'utf8');
    const where = path.slice(ROOT.length + 1);
    for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*(['"])([A-Za-z0-9_]+)\1/g)) add(m[2] ?? '', where);
    for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*`([A-Za-z0-9_]*)\$\{/g)) {
      const prefix = m[1] ?? '';
      const expansions = TEMPLATE_KEYS[prefix];
      if (!expansions) throw new Error(`${where}: t(\`${prefix}\${…}\`) is a key built at run time; list its expansions in TEMPLATE_KEYS`);
      for (const key of expansions) add(key, where);
    }
    for (const m of text.matchAll(/data-i18n="([A-Za-z0-9_]+)"/g)) add(m[1] ?? '', where);
  }
  for (const path of files(join(ROOT, 'manifest'), /\.json$/)) {
    for (const m of readFileSync(path, 'utf8').matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) add(m[1] ?? '', path.slice(ROOT.length + 1));
  }
  return used;
}

function placeholderNames(message: string): string[] {
  return [...new Set([...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase()))].sort();
}

describe('_locales', () => {
  const messages = Object.fromEntries(LOCALES.map((l) => [l, load(l)])) as Record<(typeof LOCALES)[number], Messages>;

  it('has the same keys in English and Ukrainian', () => {
    const en = Object.keys(messages.en).sort();
    const uk = Object.keys(messages.uk).sort();
    expect(
      en.filter((k) => !uk.includes(k)),
      'missing in uk',
    ).toEqual([]);
    expect(
      uk.filter((k) => !en.includes(k)),
      'missing in en',
    ).toEqual([]);
  });

  it.each(LOCALES)('declares every placeholder it uses, the same way as English (%s)', (locale) => {
    for (const [key, entry] of Object.entries(messages[locale])) {
      expect(entry.message.trim(), `${locale}/${key} is empty`).not.toBe('');
      const declared = Object.keys(entry.placeholders ?? {}).sort();
      expect(placeholderNames(entry.message), `${locale}/${key}: placeholders used vs declared`).toEqual(declared);
      const english = messages.en[key];
      if (locale !== 'en' && english) {
        expect(entry.placeholders ?? {}, `${locale}/${key}: placeholders differ from English`).toEqual(english.placeholders ?? {});
      }
    }
  });

  it('has every key the code and the manifests use, in both languages', () => {
    const missing: string[] = [];
    for (const [key, where] of usedKeys()) {
      for (const locale of LOCALES) if (!(key in messages[locale])) missing.push(`${locale}/${key} (used in ${where})`);
    }
    expect(missing).toEqual([]);
  });

  it('finds the keys it is meant to check (the scan itself works)', () => {
    const used = usedKeys();
    expect(used.has('popup_check_now')).toBe(true);
    expect(used.has('category_person')).toBe(true);
    expect(used.has('extName')).toBe(true);
  });
});
