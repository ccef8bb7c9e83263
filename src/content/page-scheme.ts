/**
 * Whether the page a card opens on is dark. The reader sees the page's own colours, which a
 * site may set whatever the system's `prefers-color-scheme` says, so the card reads them: the
 * background behind the mention, found by walking up from it to the first element that paints
 * one, and failing that the canvas the page asked for with `color-scheme`.
 */

export type Scheme = 'light' | 'dark';

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/**
 * Reads a computed colour (`rgb(…)`, `rgba(…)`, or the `color(srgb …)` form browsers give for
 * some values) as 0–255 channels and an alpha from 0 to 1; null for anything else.
 */
export function parseComputedColor(value: string): Rgba | null {
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha(rgb[4]) };
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: alpha(srgb[4]) };
  return null;
}

function alpha(text: string | undefined): number {
  if (text === undefined) return 1;
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

/** WCAG 2's relative luminance of an opaque colour, from 0 (black) to 1 (white). */
export function relativeLuminance(color: Pick<Rgba, 'r' | 'g' | 'b'>): number {
  const channel = (value: number): number => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b);
}

/** WCAG 2's contrast ratio between two luminances, from 1 to 21. */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * A background is dark when white text would stand out more on it than black text: below a
 * luminance of about 0.18, where the two contrasts are equal.
 */
export function schemeOfLuminance(luminance: number): Scheme {
  return contrastRatio(luminance, 1) > contrastRatio(luminance, 0) ? 'dark' : 'light';
}

/**
 * The scheme of the first painted background in `backgrounds` (computed `background-color`
 * values, nearest first), or `canvas` when they are all transparent. A half-transparent layer
 * is laid over what lies behind it, so a faint tint on a dark page stays dark.
 */
export function schemeOfBackgrounds(backgrounds: readonly string[], canvas: Scheme): Scheme {
  const layers: Rgba[] = [];
  for (const value of backgrounds) {
    const color = parseComputedColor(value);
    if (!color || color.a === 0) continue;
    layers.push(color);
    if (color.a >= 1) break;
  }
  if (layers.length === 0) return canvas;
  const base = canvas === 'dark' ? { r: 18, g: 18, b: 18 } : { r: 255, g: 255, b: 255 };
  const blended = layers.reduceRight(
    (under, over) => ({
      r: over.r * over.a + under.r * (1 - over.a),
      g: over.g * over.a + under.g * (1 - over.a),
      b: over.b * over.a + under.b * (1 - over.a),
    }),
    base,
  );
  return schemeOfLuminance(relativeLuminance(blended));
}

/**
 * The canvas's scheme when nothing on the page paints a background: dark only when the page
 * opts into a dark canvas with `color-scheme` and the system prefers dark (or the page allows
 * nothing else); browsers paint every other page's canvas white.
 */
function canvasScheme(root: Element): Scheme {
  const declared = getComputedStyle(root).colorScheme.split(/\s+/);
  if (!declared.includes('dark')) return 'light';
  if (!declared.includes('light')) return 'dark';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The scheme of the page behind `element` (a mention's parent), as the reader sees it. */
export function pageSchemeAt(element: Element | null): Scheme {
  const backgrounds: string[] = [];
  const seen = new Set<Element>();
  const body = document.body as Element | null;
  for (const start of [element, body, document.documentElement]) {
    for (let node: Element | null = start; node && !seen.has(node); node = node.parentElement) {
      seen.add(node);
      backgrounds.push(getComputedStyle(node).backgroundColor);
    }
  }
  return schemeOfBackgrounds(backgrounds, canvasScheme(document.documentElement));
}
