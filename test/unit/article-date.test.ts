// @vitest-environment happy-dom
/**
 * The article's date decides which role a card shows: the publication date from the page's
 * metadata when it has one, in a fixed order of sources, else the reader's own day.
 */
import { describe, expect, it } from 'vitest';
import { articleDate } from '../../src/content/article-date';

function page(head: string, body = ''): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, 'text/html');
}

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const LATE_EVENING = new Date(2026, 11, 5, 23, 30);

describe('the article date', () => {
  it('reads article:published_time, keeping the day the publisher wrote', () => {
    expect(articleDate(page('<meta property="article:published_time" content="2025-03-04T23:59:00-05:00">'))).toEqual({
      date: '2025-03-04',
      source: 'meta',
    });
    expect(articleDate(page('<meta name="article:published_time" content="2024-11-06">')).date).toBe('2024-11-06');
  });

  it('prefers the meta tag over JSON-LD and <time>', () => {
    const doc = page(
      `<meta property="article:published_time" content="2025-01-20T12:00:00Z">${jsonLd({ datePublished: '2024-01-01' })}`,
      '<time datetime="2023-01-01">then</time>',
    );
    expect(articleDate(doc)).toEqual({ date: '2025-01-20', source: 'meta' });
  });

  it('finds datePublished in JSON-LD, also inside an @graph or a list', () => {
    expect(articleDate(page(jsonLd({ '@type': 'NewsArticle', datePublished: '2025-06-01T08:00:00Z' })))).toEqual({
      date: '2025-06-01',
      source: 'json-ld',
    });
    expect(
      articleDate(page(jsonLd({ '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', datePublished: '2025-06-02' }] }))).date,
    ).toBe('2025-06-02');
    expect(articleDate(page(jsonLd([{ '@type': 'Organization' }, { datePublished: '2025-06-03' }]))).date).toBe('2025-06-03');
  });

  it('passes over malformed JSON-LD and a datePublished that is not a date', () => {
    const doc = page(
      `<script type="application/ld+json">{ not json</script>${jsonLd({ datePublished: 'yesterday' })}`,
      '<time datetime="2025-02-14T10:00">Feb 14</time>',
    );
    expect(articleDate(doc)).toEqual({ date: '2025-02-14', source: 'time' });
  });

  it('uses the first <time datetime>, skipping <time> elements without one', () => {
    expect(
      articleDate(page('', '<time>Monday</time><time datetime="2025-09-09">Sep 9</time><time datetime="2025-09-10">Sep 10</time>')).date,
    ).toBe('2025-09-09');
  });

  it('falls back to the reader’s local day, not the UTC one, late in the evening', () => {
    expect(articleDate(page('<meta property="article:published_time" content="soon">'), LATE_EVENING)).toEqual({
      date: '2026-12-05',
      source: 'today',
    });
  });
});
