// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BLOCK_BREAK } from '../../src/dataset/normalize';
import { collectText, TextCollector } from '../../src/content/text-collector';

function page(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html; // test input only: building a fixture page
  return root;
}

const visible = (text: string): string => text.split(BLOCK_BREAK).filter(Boolean).join(' | ');

describe('collectText', () => {
  it('joins inline runs and breaks at block boundaries', () => {
    const { text } = collectText(
      page('<p><b>Marco</b> Rubio met <a href="#">Steve</a>&nbsp;Witkoff.</p><p>Next</p><ul><li>One</li><li>Two</li></ul>'),
    );
    expect(visible(text)).toBe('Marco Rubio met Steve\u00a0Witkoff. | Next | One | Two');
  });

  it('skips form fields, code, hidden subtrees and editable regions', () => {
    const { text } = collectText(
      page(
        '<p>Seen</p><textarea>Putin</textarea><input value="Putin"><code>Putin</code><script>Putin</script>' +
          '<style>.Putin{}</style><svg><text>Putin</text></svg><div hidden>Putin</div><div aria-hidden="true">Putin</div>' +
          '<div contenteditable>Putin</div><div style="display: none">Putin</div><div contenteditable="false">Also seen</div>',
      ),
    );
    expect(visible(text)).toBe('Seen | Also seen');
  });

  it('reads open shadow roots where their host stands', () => {
    const root = page('<p>Before</p><div id="host"><span>light</span></div><p>After</p>');
    const host = root.querySelector('#host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.textContent = 'Shadow Witkoff';
    shadow.append(p);
    expect(visible(collectText(root).text)).toBe('Before | Shadow Witkoff | light | After');
  });

  it('gives the same text and offsets when read in many small slices', () => {
    const html = Array.from({ length: 300 }, (_, i) => `<p>Paragraph ${i} with <i>Marco</i> Rubio</p>`).join('');
    const whole = collectText(page(html));
    const collector = new TextCollector(page(html));
    let slices = 1;
    while (!collector.run(() => true)) slices++;
    const sliced = collector.result();
    expect(slices).toBeGreaterThan(5);
    expect(sliced.text).toBe(whole.text);
    expect(sliced.starts).toEqual(whole.starts);
  });
});
