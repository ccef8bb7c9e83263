// @vitest-environment happy-dom
/**
 * Dark pages: the card takes the scheme of the page behind the mention (its nearest painted
 * background), and the highlight colours, which cannot see the page, stay visible on white
 * and on near-black pages alike.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contrastRatio, pageSchemeAt, parseComputedColor, relativeLuminance, schemeOfBackgrounds } from '../../src/content/page-scheme';

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

describe('the scheme of the page behind a mention', () => {
  it('takes the nearest painted background, not the system preference', () => {
    expect(schemeOfBackgrounds([TRANSPARENT, 'rgb(18, 18, 18)', 'rgb(255, 255, 255)'], 'light')).toBe('dark');
    expect(schemeOfBackgrounds([TRANSPARENT, 'rgb(250, 250, 245)'], 'dark')).toBe('light');
    // A mid grey that black text reads better on is light; a darker one is dark.
    expect(schemeOfBackgrounds(['rgb(150, 150, 150)'], 'dark')).toBe('light');
    expect(schemeOfBackgrounds(['rgb(90, 90, 90)'], 'light')).toBe('dark');
  });

  it('lays a half-transparent tint over what lies behind it', () => {
    expect(schemeOfBackgrounds(['rgba(255, 255, 255, 0.05)', 'rgb(10, 10, 10)'], 'light')).toBe('dark');
    expect(schemeOfBackgrounds(['color(srgb 1 1 1 / 0.1)'], 'dark')).toBe('dark');
    expect(schemeOfBackgrounds(['rgba(255, 255, 255, 0.9)'], 'dark')).toBe('light');
  });

  it('falls back to the canvas when nothing paints a background', () => {
    expect(schemeOfBackgrounds([TRANSPARENT, TRANSPARENT], 'dark')).toBe('dark');
    expect(schemeOfBackgrounds([TRANSPARENT, 'transparent'], 'light')).toBe('light');
  });

  it('reads computed colours in the forms browsers give', () => {
    expect(parseComputedColor('rgb(1, 2, 3)')).toEqual({ r: 1, g: 2, b: 3, a: 1 });
    expect(parseComputedColor('rgba(1, 2, 3, 0.5)')).toEqual({ r: 1, g: 2, b: 3, a: 0.5 });
    expect(parseComputedColor('rgb(1 2 3 / 50%)')).toEqual({ r: 1, g: 2, b: 3, a: 0.5 });
    expect(parseComputedColor('canvas')).toBeNull();
  });

  describe('on a page', () => {
    afterEach(() => {
      document.body.replaceChildren();
      document.body.removeAttribute('style');
      document.documentElement.removeAttribute('style');
    });

    it('walks up from the mention past transparent elements to a dark section inside a light page', () => {
      document.body.style.backgroundColor = 'rgb(255, 255, 255)';
      const section = document.createElement('section');
      section.style.backgroundColor = 'rgb(13, 17, 23)';
      const p = document.createElement('p');
      p.textContent = 'Steve Witkoff met the delegation.';
      section.append(p);
      document.body.append(section);
      expect(pageSchemeAt(p)).toBe('dark');
      const outside = document.createElement('p');
      document.body.append(outside);
      expect(pageSchemeAt(outside)).toBe('light');
    });

    it('reads the body’s background when the mention’s own ancestors paint none', () => {
      document.body.style.backgroundColor = 'rgb(20, 20, 20)';
      const p = document.createElement('p');
      document.body.append(p);
      expect(pageSchemeAt(p)).toBe('dark');
    });
  });
});

/** The rules of content.css, by highlight name, with their declarations. */
function highlightRules(css: string): Map<string, string> {
  const rules = new Map<string, string>();
  // Only the rules outside @media blocks: the colours every page gets.
  const top = css.replace(/@media[^{]*\{(?:[^{}]*\{[^}]*\})*\s*\}/g, '');
  for (const m of top.matchAll(/::highlight\(([\w-]+)\)\s*\{([^}]*)\}/g)) rules.set(m[1] ?? '', m[2] ?? '');
  return rules;
}

const css = readFileSync(resolve(import.meta.dirname, '../../src/content/highlights.css'), 'utf8');
const WHITE = { r: 255, g: 255, b: 255 };
/** The darkest backgrounds dark sites use: black and Material's #121212. */
const DARK_PAGES = [
  { r: 0, g: 0, b: 0 },
  { r: 18, g: 18, b: 18 },
];

function hex(text: string): { r: number; g: number; b: number } {
  return { r: parseInt(text.slice(1, 3), 16), g: parseInt(text.slice(3, 5), 16), b: parseInt(text.slice(5, 7), 16) };
}

function over(
  tint: { r: number; g: number; b: number; a: number },
  page: { r: number; g: number; b: number },
): { r: number; g: number; b: number } {
  return {
    r: tint.r * tint.a + page.r * (1 - tint.a),
    g: tint.g * tint.a + page.g * (1 - tint.a),
    b: tint.b * tint.a + page.b * (1 - tint.a),
  };
}

describe('highlight colours on light and dark pages', () => {
  const rules = highlightRules(css);
  const categories = ['person', 'proposal', 'organization', 'place'];

  it('do not switch on the system’s colour scheme, which says nothing about the page', () => {
    expect(css).not.toContain('prefers-color-scheme');
  });

  it('draw every underline with at least 3:1 contrast on white and on near-black pages', () => {
    for (const category of categories) {
      const color = /#[0-9a-f]{6}/i.exec(rules.get(`backstory-underline-${category}`) ?? '')?.[0];
      expect(color, category).toBeDefined();
      const l = relativeLuminance(hex(color ?? '#000000'));
      for (const page of [WHITE, ...DARK_PAGES])
        expect(contrastRatio(l, relativeLuminance(page)), `${category} on ${JSON.stringify(page)}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('tint backgrounds visibly on both, while the page’s own text stays readable on them', () => {
    for (const category of categories) {
      const value = /background-color:\s*([^;]+);/.exec(rules.get(`backstory-background-${category}`) ?? '')?.[1] ?? '';
      const tint = parseComputedColor(value);
      if (!tint) throw new Error(`no tint for ${category}`);
      for (const [page, text] of [
        [WHITE, { r: 0, g: 0, b: 0 }],
        ...DARK_PAGES.map((p) => [p, { r: 230, g: 237, b: 243 }] as const),
      ] as const) {
        const tinted = relativeLuminance(over(tint, page));
        expect(contrastRatio(tinted, relativeLuminance(page)), `${category} tint on ${JSON.stringify(page)}`).toBeGreaterThanOrEqual(1.3);
        expect(contrastRatio(tinted, relativeLuminance(text)), `text on the ${category} tint`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('use only system colours under forced colours', () => {
    const forced = /@media \(forced-colors: active\) \{([\s\S]*)\}\s*$/.exec(css)?.[1] ?? '';
    expect(forced).toContain('::highlight(backstory-underline-person)');
    expect(forced).not.toMatch(/#[0-9a-f]{3,6}\b|rgba?\(/i);
    for (const m of forced.matchAll(/(?:color|background-color):\s*([\w-]+)/g)) {
      expect(['Highlight', 'HighlightText', 'Mark', 'MarkText', 'CanvasText', 'Canvas', 'LinkText']).toContain(m[1]);
    }
  });
});
