import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The browsers decode with the native strict `Uint8Array.fromBase64`; Node 20 has none. This
 * stands in for it (skipping ASCII whitespace and throwing on anything else that is not
 * base64, as the strict mode does, and on padding bits that are not zero) so the wrapper's own
 * checks run here as in a browser.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function strictStandIn(text: string): Uint8Array {
  const compact = text.replace(/[\t\n\f\r ]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) throw new SyntaxError('not base64');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const last = ALPHABET.indexOf(compact.charAt(compact.length - padding - 1));
  if (padding > 0 && (last & (padding === 2 ? 0x0f : 0x03)) !== 0) throw new SyntaxError('non-zero padding bits');
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

    it(`refuses padding bits that are not zero, as the browsers' strict decoder does (${mode})`, async () => {
      const { fromBase64 } = mode === 'with the native decoder' ? await withNative() : await import('../../src/dataset/base64');
      // "QQ==" is "A"; "QR==" sets a padding bit (Node's Buffer and atob accept it, browsers do not).
      expect(fromBase64('QQ==')).toEqual(Uint8Array.from([0x41]));
      expect(fromBase64('QR==')).toBeNull();
      expect(fromBase64('QUI=')).toEqual(Uint8Array.from([0x41, 0x42]));
      expect(fromBase64('QUJ=')).toBeNull();
      expect(fromBase64('AAAAQR==')).toBeNull();
    });
  }
});
