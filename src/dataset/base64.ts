/**
 * Base64 for the stored match index and for signed update manifests: one implementation
 * for both. Decoding is strict (null on anything that is not canonical base64, as an
 * untrusted manifest requires) and uses the native `Uint8Array.fromBase64` (Chrome 140,
 * Firefox 133) in its strict mode where it exists: it checks as it decodes, where the
 * pattern below has to scan the whole text before atob and a loop even start.
 */
// The last character before padding may carry only data bits: after one of two characters
// (`==`) its low four bits must be zero (A, Q, g, w), after two (`=`) its low two bits (A, E,
// I, …, 8). atob ignores those bits, so without this `QR==` would decode in Node while the
// browsers' strict decoder refuses it.
export const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;

type Base64Decoder = (text: string, options: { lastChunkHandling: 'strict' }) => Uint8Array;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: Base64Decoder }).fromBase64;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array | null {
  if (typeof nativeFromBase64 === 'function') {
    let out: Uint8Array;
    try {
      out = nativeFromBase64.call(Uint8Array, text, { lastChunkHandling: 'strict' });
    } catch {
      return null;
    }
    // Strict mode still skips ASCII whitespace, which canonical base64 never has: then the
    // text is longer than the four characters per three bytes it needs.
    return text.length === Math.ceil(out.length / 3) * 4 ? out : null;
  }
  if (!BASE64_PATTERN.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
