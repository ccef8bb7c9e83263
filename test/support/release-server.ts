/**
 * A release server for the update tests, on the loopback address (loopback-server.ts), plus
 * helpers that craft releases (good and deliberately broken) with keys generated at test time.
 * The unit tests use it with Node's fetch; the end-to-end tests point a test build of the
 * extension at it.
 *
 * It behaves like a static host behind a CDN: strong ETags, `If-None-Match` -> 304, and
 * CORS headers (as GitHub Pages sends), so the extension needs no host permission for it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import {
  PAYLOAD_TYPE,
  RELEASE_TYPE,
  keyIdFor,
  preAuthEncoding,
  sha256Hex,
  toBase64,
  type PinnedKey,
} from '../../src/dataset/update-manifest';
import type { Dataset } from '../../src/dataset/schema';
import { listenOnLoopback } from './loopback-server';

export type Route =
  | { kind: 'file'; body: Uint8Array | string; contentType?: string }
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** Sends 200 and then bytes forever (until the client gives up). */
  | { kind: 'endless' }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Serves `first` to the next request, and `then` from the one after on. */
  | { kind: 'once'; first: Route; then: Route };

export interface ReleaseServer {
  url(path: string): string;
  set(path: string, route: Route): void;
  clear(): void;
  /** Requests seen, newest last: path, status sent and the If-None-Match header. */
  log: { path: string; status: number; ifNoneMatch: string | undefined }[];
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'If-None-Match',
  'access-control-expose-headers': 'ETag',
};

export async function startReleaseServer(): Promise<ReleaseServer> {
  const routes = new Map<string, Route>();
  const log: ReleaseServer['log'] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const ifNoneMatch = req.headers['if-none-match'];
    const record = (status: number) => log.push({ path, status, ifNoneMatch });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'access-control-allow-methods': 'GET' }).end();
      return;
    }
    let route = routes.get(path);
    while (route?.kind === 'once') {
      routes.set(path, route.then);
      route = route.first;
    }
    if (!route) {
      record(404);
      res.writeHead(404, { ...CORS, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    switch (route.kind) {
      case 'file': {
        const body = typeof route.body === 'string' ? Buffer.from(route.body) : Buffer.from(route.body);
        const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
        if (ifNoneMatch === etag) {
          record(304);
          res.writeHead(304, { ...CORS, etag }).end();
          return;
        }
        record(200);
        res
          .writeHead(200, { ...CORS, etag, 'content-type': route.contentType ?? 'application/json', 'content-length': body.length })
          .end(body);
        return;
      }
      case 'status':
        record(route.status);
        res.writeHead(route.status, { ...CORS, 'content-type': route.contentType ?? 'text/plain' }).end(route.body ?? '');
        return;
      case 'endless': {
        record(200);
        res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const timer = setInterval(() => {
          if (res.destroyed || res.writableEnded) {
            clearInterval(timer);
            timers.delete(timer);
            return;
          }
          res.write(chunk);
        }, 5);
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'hang':
        record(0);
        return;
    }
  };
  const server: Server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const { url, close } = await listenOnLoopback(server, () => {
    for (const timer of timers) clearInterval(timer);
    for (const socket of sockets) socket.destroy();
  });
  return {
    url,
    set: (path, route) => routes.set(`/${path.replace(/^\//, '')}`, route),
    clear: () => routes.clear(),
    log,
    close,
  };
}

// ---------------------------------------------------------------------------------------------
// Crafting releases

export interface TestKey {
  pinned: PinnedKey;
  privateKey: CryptoKey;
}

export async function testKey(): Promise<TestKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { pinned: { keyid: await keyIdFor(raw), publicKey: toBase64(raw) }, privateKey: pair.privateKey };
}

export function datasetBytes(dataset: Dataset | unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(dataset, null, 2));
}

export interface CraftOptions {
  key: TestKey;
  /** Fields to replace in (or, with undefined, delete from) the payload. */
  payload?: Record<string, unknown>;
  /** The payload's exact bytes, instead of JSON of the payload object. */
  payloadBytes?: Uint8Array;
  /** Sign these bytes instead of the payload (a signature over other bytes). */
  signBytes?: Uint8Array;
  /** Sign with this payload type in the PAE (the envelope still says the real one). */
  signPayloadType?: string;
  /** Announce this keyid instead of the key's own. */
  keyid?: string;
  expires?: string;
}

export interface CraftedRelease {
  manifest: string;
  datasetPath: string;
  dataset: Uint8Array;
}

/** A release of `dataset` (bytes), signed as told; defaults to a good release expiring in 30 days. */
export async function craftRelease(dataset: Uint8Array, version: number | unknown, options: CraftOptions): Promise<CraftedRelease> {
  const sha256 = await sha256Hex(dataset);
  const datasetPath = `dataset-${sha256}.json`;
  const payload: Record<string, unknown> = {
    type: RELEASE_TYPE,
    version,
    expires: options.expires ?? new Date(Date.now() + 30 * 86_400_000).toISOString(),
    schemaVersion: 1,
    dataset: { path: datasetPath, length: dataset.length, sha256 },
  };
  for (const [k, v] of Object.entries(options.payload ?? {})) {
    if (v === undefined) delete payload[k];
    else payload[k] = v;
  }
  const payloadBytes = options.payloadBytes ?? new TextEncoder().encode(JSON.stringify(payload));
  const signed = preAuthEncoding(options.signPayloadType ?? PAYLOAD_TYPE, options.signBytes ?? payloadBytes);
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, options.key.privateKey, signed.slice().buffer));
  const envelope = {
    payloadType: PAYLOAD_TYPE,
    payload: toBase64(payloadBytes),
    signatures: [{ keyid: options.keyid ?? options.key.pinned.keyid, sig: toBase64(sig) }],
  };
  return { manifest: JSON.stringify(envelope, null, 2), datasetPath, dataset };
}

/** Serves `release` on `server` under `prefix` (manifest.json plus the dataset file). */
export function serveRelease(server: ReleaseServer, release: CraftedRelease, prefix = ''): string {
  server.set(`${prefix}manifest.json`, { kind: 'file', body: release.manifest });
  server.set(`${prefix}${release.datasetPath}`, { kind: 'file', body: release.dataset });
  return server.url(`${prefix}manifest.json`);
}

/** Changes one byte of `text` (the first occurrence of `from` becomes `to`). */
export function flipByte(text: string, at: number): string {
  const code = text.charCodeAt(at);
  const replacement = code === 0x41 ? 'B' : 'A';
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}
