// @vitest-environment happy-dom
/**
 * A scan passes the page's language to the matcher: a Ukrainian page finds Ukrainian name
 * forms, an English page with the same words does not, and a page without `lang` is read by
 * its letters.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileShardedIndex } from '../../src/dataset/compile';
import { LoadedIndex } from '../../src/dataset/loaded-index';
import { scanPage } from '../../src/content/scan';
import { INFLECT_DATASET } from '../support/inflect-dataset';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

async function scan(lang: string | null, text: string): Promise<{ names: string[]; language: string }> {
  if (lang === null) document.documentElement.removeAttribute('lang');
  else document.documentElement.setAttribute('lang', lang);
  document.body.replaceChildren(Object.assign(document.createElement('p'), { textContent: text }));
  const loaded = new LoadedIndex(compileShardedIndex(INFLECT_DATASET).head);
  const result = await scanPage({ loaded, previous: null, parts: 'all', exclude: new Set(), signal: new AbortController().signal });
  if (!result) throw new Error('the scan gave up');
  return { names: result.mentions.map((m) => m.entityIds.join(',')), language: result.language };
}

afterEach(() => document.documentElement.removeAttribute('lang'));

describe('a scan in the page language', () => {
  const text = 'Віткофф зустрівся з Путіним і говорив про Зеленського.';

  it('finds Ukrainian forms on a page that says it is Ukrainian', async () => {
    expect(await scan('uk', text)).toEqual({ names: ['steve-witkoff', 'vladimir-putin', 'volodymyr-zelensky'], language: 'uk' });
  });

  it('finds only names as written on a page that says it is English', async () => {
    expect(await scan('en', text)).toEqual({ names: ['steve-witkoff'], language: 'en' });
  });

  it('reads the language from the letters when the page does not say', async () => {
    expect(await scan(null, `${text} Дякую за конструктивну взаємодію, у ці дні.`)).toEqual({
      names: ['steve-witkoff', 'vladimir-putin', 'volodymyr-zelensky'],
      language: 'uk',
    });
  });
});
