// @vitest-environment happy-dom
/**
 * Which parts of a page are read again after it changes: the block around changed text, an
 * added block itself, the block around an attribute that hides or shows text, and the whole
 * page past a limit. Our own card never counts as a change, so showing it never rescans.
 *
 * Each test ends with a change that must be reported (a sentinel); MutationObserver delivers
 * records in order, so anything wrongly reported shows up in that report or before it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchMutations, type ChangedParts } from '../../src/content/page-changes';
import { HOST_TAG } from '../../src/content/card-host';

type Report = Set<Element> | 'all';

let controller: AbortController;
let reports: Report[];
let waiting: (() => void) | null;

function watch(host: HTMLElement | null = null): void {
  watchMutations(
    (parts: ChangedParts) => {
      // The set is reused after the call: keep a copy.
      reports.push(parts === 'all' ? 'all' : new Set(parts));
      waiting?.();
    },
    { element: host },
    controller.signal,
  );
}

/** Resolves once a report has arrived after the changes made so far. */
async function settled(): Promise<Report[]> {
  const before = reports.length;
  await new Promise<void>((resolve) => {
    waiting = () => {
      if (reports.length > before) resolve();
    };
  });
  waiting = null;
  return reports.slice(before);
}

const byId = (id: string) => document.getElementById(id) as HTMLElement;

beforeEach(() => {
  controller = new AbortController();
  reports = [];
  waiting = null;
  document.body.replaceChildren();
  const article = document.createElement('article');
  for (const id of ['p1', 'p2', 'p3']) {
    const p = document.createElement('p');
    p.id = id;
    const span = document.createElement('span');
    span.textContent = `Text of ${id}.`;
    p.append(span);
    article.append(p);
  }
  document.body.append(article);
});

afterEach(() => controller.abort());

describe('watching the page for changes', () => {
  it('reports the block around text that changed, not the inline element', async () => {
    watch();
    (byId('p2').querySelector('span')?.firstChild as Text).data = 'Marco Rubio said';
    expect(await settled()).toEqual([new Set([byId('p2')])]);
  });

  it('reports an added block itself, and the block around added inline text', async () => {
    watch();
    const added = document.createElement('p');
    added.textContent = 'Steve Witkoff arrived.';
    byId('p3').after(added);
    byId('p1').append(document.createTextNode(' More.'));
    const [report] = await settled();
    expect(report).toEqual(new Set([added, byId('p1')]));
  });

  it('reads the block again when an attribute that hides text changes', async () => {
    watch();
    byId('p1').querySelector('span')?.setAttribute('hidden', '');
    expect(await settled()).toEqual([new Set([byId('p1')])]);
  });

  it('reads the whole page after a change directly in the body', async () => {
    watch();
    document.body.append(document.createTextNode('loose text'));
    expect(await settled()).toEqual(['all']);
  });

  it('reads the whole page when more blocks change at once than a partial read is worth', async () => {
    watch();
    const article = document.querySelector('article') as HTMLElement;
    for (let i = 0; i < 70; i++) article.append(Object.assign(document.createElement('p'), { textContent: `Item ${i}` }));
    expect(await settled()).toEqual(['all']);
  });

  it('ignores changes inside our card and the card host coming and going', async () => {
    const host = document.createElement(HOST_TAG);
    const inside = document.createElement('div');
    host.append(inside);
    watch(host);
    document.body.append(host);
    inside.textContent = 'Marco Rubio: Secretary of State';
    host.remove();
    // Another card host (the previous one being replaced) is ours too.
    byId('p3').after(document.createElement(HOST_TAG));
    // The sentinel.
    (byId('p1').querySelector('span')?.firstChild as Text).data = 'changed';
    expect(await settled()).toEqual([new Set([byId('p1')])]);
  });

  it('stops watching once the page is torn down', async () => {
    watch();
    controller.abort();
    // A second watcher stands in for the sentinel: it sees the change, the stopped one must not.
    controller = new AbortController();
    const before = reports.length;
    watch();
    byId('p2').append(document.createTextNode('!'));
    await settled();
    expect(reports.slice(before)).toHaveLength(1);
  });
});
