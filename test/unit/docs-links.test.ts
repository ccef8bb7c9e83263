/**
 * Keeps the docs navigable: every relative link and image in README.md and docs/**\/*.md points
 * at a file or folder in the repository, and every #anchor at a heading of its target (GitHub's
 * heading ids). Links inside code blocks and inline code are not links. The README also stays
 * short, for users and newcomers (docs/style.md).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const README_MAX_BYTES = 12 * 1024;

function markdownUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownUnder(path) : name.endsWith('.md') ? [path] : [];
  });
}

/** The text outside fenced code blocks and inline code spans. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link targets of `[text](target)` and `![alt](target)`, without an optional "title". */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string);
}

/** GitHub's ids for a file's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = (heading[1] as string).replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

const files = [join(ROOT, 'README.md'), ...markdownUnder(join(ROOT, 'docs'))];

describe('docs links', () => {
  it('finds the README and the docs', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(
      expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/performance.md']),
    );
  });

  for (const file of files) {
    it(`${relative(ROOT, file)}: every relative link points at a file, and every anchor at a heading`, () => {
      const broken: string[] = [];
      for (const target of linkTargets(readFileSync(file, 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and other absolute URLs
        const [path = '', anchor] = target.split('#', 2);
        const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
        if (!resolved.startsWith(ROOT) || !existsSync(resolved)) {
          broken.push(`${target}: no such file`);
          continue;
        }
        if (anchor !== undefined && anchor !== '' && resolved.endsWith('.md') && !headingIds(readFileSync(resolved, 'utf8')).has(anchor)) {
          broken.push(`${target}: no heading with that id`);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it('keeps the README under 12 KB', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});

describe('the link checker itself', () => {
  it('reads links and images but not code', () => {
    const text = '[a](docs/x.md) ![b](img.png "t")\n`[c](nope.md)`\n```\n[d](nope.md)\n```\n[e](https://example.org)';
    expect(linkTargets(text)).toEqual(['docs/x.md', 'img.png', 'https://example.org']);
  });

  it('derives GitHub heading ids', () => {
    const ids = headingIds("# Backstory\n## Maintainers' guide\n## Loading it by hand\n### `npm test`, e2e\n## Notes\n## Notes");
    expect([...ids]).toEqual(['backstory', 'maintainers-guide', 'loading-it-by-hand', 'npm-test-e2e', 'notes', 'notes-1']);
  });
});
