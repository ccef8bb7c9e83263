/**
 * Synthetic inputs for the benchmark, all deterministic (seeded), so two runs measure the
 * same bytes. Used from Node (datasets for the extension builds, pages) and from the bench
 * bundle in the page (the matcher's text and datasets, built inside Chromium's V8).
 *
 * Names are made from syllables: "Baroveli Tasunko". Entity k always has the same given and
 * family name, so a text that mentions entity 20,000 hits at 100,000 aliases and misses at
 * 100, while the text itself never changes with the dataset.
 */
import type { Dataset, Entity } from '../../src/dataset/schema';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'sh', 'br', 'kr', 'st', 'tr', 'dr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ei'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'k'];

function word(random: () => number, syllables: number): string {
  let out = '';
  for (let s = 0; s < syllables; s++) {
    out += (ONSETS[Math.floor(random() * ONSETS.length)] as string) + (VOWELS[Math.floor(random() * VOWELS.length)] as string);
  }
  out += CODAS[Math.floor(random() * CODAS.length)] as string;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function uniqueWords(count: number, seed: number, syllables: [number, number], exclude: readonly string[] = []): string[] {
  const random = rng(seed);
  const seen = new Set<string>(exclude);
  const out: string[] = [];
  while (out.length < count) {
    const w = word(random, syllables[0] + Math.floor(random() * (syllables[1] - syllables[0] + 1)));
    if (seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

const GIVEN = uniqueWords(500, 1, [2, 3]);
// disjoint from GIVEN, so "Family Given" never equals another person's "Given Family"
const FAMILY = uniqueWords(2000, 2, [2, 4], GIVEN);
const TITLES = ['Minister', 'Senator', 'General', 'Governor', 'Ambassador', 'Judge', 'Mayor', 'Professor'];
const INITIALS = 'ABCDEFGHJKLMNPRSTVW';

/** Entity k's names; pairs (given, family) never repeat below 1,000,000 entities. */
export function personNames(k: number): { given: string; family: string; aliases: string[] } {
  const given = GIVEN[k % GIVEN.length] as string;
  const family = FAMILY[Math.floor(k / GIVEN.length) % FAMILY.length] as string;
  const initial = INITIALS[k % INITIALS.length] as string;
  const title = TITLES[k % TITLES.length] as string;
  return {
    given,
    family,
    // the name, then three aliases: four alias records per entity
    aliases: [`${given} ${family}`, `${given} ${initial}. ${family}`, `${title} ${given} ${family}`, `${family} ${given}`],
  };
}

export const ALIASES_PER_ENTITY = 4;

/**
 * A valid dataset (it passes parseDataset) of `aliasCount` name-like aliases, four per person.
 * With `language` ("cs"), every alias, the name included, is spelt in that language, so the
 * compiled index also holds the inflected forms of each (src/dataset/inflect).
 */
export function syntheticDataset(aliasCount: number, language?: string): Dataset {
  const entities: Entity[] = [];
  const count = Math.ceil(aliasCount / ALIASES_PER_ENTITY);
  for (let k = 0; k < count; k++) {
    const { aliases } = personNames(k);
    entities.push({
      id: `person-${k}`,
      category: 'person',
      name: aliases[0] as string,
      aliases: language ? aliases.map((text) => ({ text, lang: language })) : aliases.slice(1),
      summary: `Synthetic person number ${k}, made for the benchmark.`,
      roles: [{ title: 'Minister of Examples', from: '2020-01-01', source: `https://example.org/person/${k}` }],
      facts: [],
      related: [],
      sources: [`https://example.org/person/${k}`],
      updatedAt: '2025-01-01',
    });
  }
  return {
    schemaVersion: 1,
    id: `bench-${aliasCount}`,
    version: 1,
    publishedAt: '2025-01-01',
    title: `Synthetic benchmark dataset (${aliasCount} aliases)`,
    categories: {
      person: { label: 'People', color: '#1f6feb', enabledByDefault: true },
      proposal: { label: 'Proposals', color: '#b35900', enabledByDefault: true },
      organization: { label: 'Organisations', color: '#8250df', enabledByDefault: false },
      place: { label: 'Places', color: '#1a7f37', enabledByDefault: false },
    },
    entities,
  };
}

const COMMON = (
  'the of and to in a is that for on was with he it as at by his from they be this an are have were ' +
  'had which not but one has their after been also who its new more when two first into over than ' +
  'talks officials said would could minister government war peace plan deal week told security ' +
  'people country president state forces border ceasefire negotiators meeting statement agreement ' +
  'military support sanctions election party leader public report news source spokesman capital'
).split(' ');
const CAPITALISED = [
  'The',
  'Monday',
  'Tuesday',
  'Europe',
  'Washington',
  'Kyiv',
  'Moscow',
  'Brussels',
  'In',
  'But',
  'However',
  'Reuters',
  'NATO',
  'UN',
  'EU',
  'White',
  'House',
];

/**
 * News-like text of about `chars` characters: sentences of common words, capitalised words,
 * a full synthetic name about every 40 words (half of them among the first 25 entities, so
 * the 100-alias dataset finds some) and a bare given or family name about every 15 words
 * (trie walks that start and fail). Paragraphs are separated by newlines.
 */
export function newsText(chars: number, seed = 7): string {
  const random = rng(seed);
  const parts: string[] = [];
  let length = 0;
  let sentence = 0;
  while (length < chars) {
    const words: string[] = [];
    const n = 8 + Math.floor(random() * 18);
    for (let i = 0; i < n; i++) {
      const r = random();
      let w: string;
      if (r < 0.025) {
        const k = random() < 0.5 ? Math.floor(random() * 25) : Math.floor(random() * 25_000);
        const names = personNames(k);
        w = names.aliases[Math.floor(random() * 3)] as string;
        if (random() < 0.2) w += '\u2019s';
      } else if (r < 0.09) {
        const k = Math.floor(random() * 25_000);
        w = random() < 0.5 ? personNames(k).given : personNames(k).family;
      } else if (r < 0.16) w = CAPITALISED[Math.floor(random() * CAPITALISED.length)] as string;
      else w = COMMON[Math.floor(random() * COMMON.length)] as string;
      words.push(w);
    }
    const first = words[0] as string;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    const text = `${words.join(' ')}${random() < 0.1 ? ',' : '.'}${++sentence % 5 === 0 ? '\n' : ' '}`;
    parts.push(text);
    length += text.length;
  }
  return parts.join('').slice(0, chars);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A page with many mentions of the bundled dataset's people, for the hover figure:
 * `mentions` mentions, ten per paragraph, with inline markup around some of them.
 */
export function mentionDensePage(mentions: number, names: readonly string[]): string {
  const random = rng(11);
  const paragraphs: string[] = [];
  for (let m = 0; m < mentions; m += 10) {
    const parts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const name = escapeHtml(names[Math.floor(random() * names.length)] as string);
      parts.push(i % 4 === 0 ? `<b>${name}</b> met officials` : `${name} said talks went on`);
    }
    paragraphs.push(`<p>${parts.join(', ')}.</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dense mentions</title></head><body><article>${paragraphs.join('\n')}</article></body></html>`;
}

/**
 * The live-blog page: an article that appends a paragraph every 10 ms while `window.__liveRun`
 * is true (the bench starts it), with a known name in every fifth paragraph. With
 * `prefill`, that many paragraphs are already there: a static snapshot (the annotate figure's
 * page after 10 s has 1,000), or, with `live`, a live blog that has been open for a while.
 */
export function liveBlogPage(names: readonly string[], prefill = 0, live = prefill === 0): string {
  const random = rng(13);
  const sentence = (i: number): string => {
    const words: string[] = [];
    for (let w = 0; w < 30; w++) words.push(COMMON[Math.floor(random() * COMMON.length)] as string);
    if (i % 5 === 0) words.splice(10, 0, names[i % names.length] as string);
    return `${words.join(' ')}.`;
  };
  const pre: string[] = [];
  for (let i = 0; i < prefill; i++) pre.push(`<p>${escapeHtml(sentence(i))}</p>`);
  const script = `
<script>
(() => {
  const names = ${JSON.stringify(names)};
  const common = ${JSON.stringify(COMMON)};
  let i = 0;
  let seed = 1;
  const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const feed = document.getElementById('feed');
  window.__liveStart = () => {
    const timer = setInterval(() => {
      const words = [];
      for (let w = 0; w < 30; w++) words.push(common[Math.floor(random() * common.length)]);
      if (i % 5 === 0) words.splice(10, 0, names[i % names.length]);
      const p = document.createElement('p');
      p.textContent = words.join(' ') + '.';
      feed.prepend(p);
      i++;
    }, 10);
    return () => clearInterval(timer);
  };
})();
</script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live blog</title></head><body><h1>Live: peace talks</h1><article id="feed">${pre.join('\n')}</article>${live ? script : ''}</body></html>`;
}

/** A plain article of about `words` words of newsText (synthetic names: the 10k-alias dataset finds them). */
export function syntheticArticle(words: number): string {
  const text = newsText(words * 6, 17);
  const paragraphs = text.split('\n').map((p) => `<p>${escapeHtml(p)}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long read, synthetic names</title></head><body><article>${paragraphs.join('\n')}</article></body></html>`;
}
