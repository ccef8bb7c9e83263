import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The browsers decode with the native strict `Uint8Array.fromBase64`; Node 20 has none. This
 * stands in for it (skipping ASCII whitespace and throwing on anything else that is not
 * base64, as the strict mode does) so the wrapper's own checks run here as in a browser.
 */
function strictStandIn(text: string): Uint8Array {
  const compact = text.replace(/[\t\n\f\r ]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) throw new SyntaxError('not base64');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

async function withNative(): Promise<typeof import('../../src/dataset/base64')> {
  vi.resetModules();
  const native = vi.fn((text: string, options: { lastChunkHandling: string }) => {
    expect(options.lastChunkHandling).toBe('strict');
    return strictStandIn(text);
  });
  Object.defineProperty(Uint8Array, 'fromBase64', { value: native, configurable: true });
  return import('../../src/dataset/base64');
}

afterEach(() => {
  delete (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64;
  vi.resetModules();
});

describe('fromBase64', () => {
  for (const mode of ['without the native decoder', 'with the native decoder'] as const) {
    it(`decodes canonical base64 and refuses anything else (${mode})`, async () => {
      const { fromBase64, toBase64 } = mode === 'with the native decoder' ? await withNative() : await import('../../src/dataset/base64');
      const bytes = Uint8Array.from([0, 1, 2, 250, 251, 252, 253]);
      const text = toBase64(bytes);
      expect(fromBase64(text)).toEqual(bytes);
      expect(fromBase64('')).toEqual(new Uint8Array(0));
      for (const bad of [`${text} `, ` ${text}`, `${text.slice(0, 4)}\n${text.slice(4)}`, text.slice(0, -1), `${text}=`, 'ab$d', 'QQ']) {
        expect(fromBase64(bad), JSON.stringify(bad)).toBeNull();
      }
    });
  }
});
