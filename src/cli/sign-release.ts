/**
 * Signing a release for the maintainers' `publish` command. Only the command line signs; the
 * checks it reuses (shape and expiry) are the ones every installed copy runs
 * (dataset/update-manifest.ts), so nothing is published that clients would refuse.
 */
import {
  buffer,
  checkExpiry,
  describeIssues,
  PAYLOAD_TYPE,
  preAuthEncoding,
  ReleasePayload,
  toBase64,
  type Envelope,
} from '../dataset/update-manifest';

/**
 * Signs payload bytes, but only a payload every client would accept on its shape and expiry:
 * a maintainer never publishes a manifest that installed copies refuse.
 */
export async function signPayload(payloadBytes: Uint8Array, privateKey: CryptoKey, keyid: string, now = new Date()): Promise<Envelope> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
  } catch {
    throw new Error('refusing to sign: the payload is not JSON');
  }
  const payload = ReleasePayload.safeParse(json);
  if (!payload.success) throw new Error(`refusing to sign: ${describeIssues(payload.error, json)}`);
  const fresh = checkExpiry(payload.data, now);
  if (!fresh.ok) throw new Error(`refusing to sign: ${fresh.error}`);
  const sig = new Uint8Array(
    await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, buffer(preAuthEncoding(PAYLOAD_TYPE, payloadBytes))),
  );
  return { payloadType: PAYLOAD_TYPE, payload: toBase64(payloadBytes), signatures: [{ keyid, sig: toBase64(sig) }] };
}

export function encodePayload(payload: ReleasePayload): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(payload));
}
