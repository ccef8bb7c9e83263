/**
 * The web-platform globals src/dataset may use. Its own tsconfig (src/dataset/tsconfig.json)
 * has no DOM lib and no Node types: each name below is a standard that pages, content scripts,
 * service workers and Node 20 all provide as a global, so dataset code runs unchanged in the
 * extension, the command line and the unit tests (docs/architecture.md). A name missing here
 * (document, window, Range, fetch, chrome…) is a type error in src/dataset.
 *
 * Signatures are lib.dom.d.ts's (a class where it has an interface and a var), cut to the
 * members the code uses; copy more from there when dataset code needs them. The main
 * tsconfig excludes this file: it checks the same code against the full DOM lib.
 */

type BufferSource = ArrayBufferView<ArrayBuffer> | ArrayBuffer;
type AllowSharedBufferSource = ArrayBufferLike | ArrayBufferView<ArrayBufferLike>;

// WHATWG URL (schema.ts checks update URLs).
declare class URL {
  constructor(url: string | URL, base?: string | URL);
  static canParse(url: string | URL, base?: string | URL): boolean;
  hash: string;
  host: string;
  hostname: string;
  href: string;
  toString(): string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  username: string;
  toJSON(): string;
}

// WHATWG Encoding.
interface TextDecodeOptions {
  stream?: boolean;
}
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string;
}
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

// HTML's base64 utilities.
declare function atob(data: string): string;
declare function btoa(data: string): string;

// WebIDL's exception (a fetch that times out or is aborted rejects with one).
declare class DOMException extends Error {
  constructor(message?: string, name?: string);
  readonly code: number;
  readonly message: string;
  readonly name: string;
}

// WHATWG Streams: reading a response body with a cap (update-manifest.ts).
interface ReadableStreamReadDoneResult<T> {
  done: true;
  value: T | undefined;
}
interface ReadableStreamReadValueResult<T> {
  done: false;
  value: T;
}
type ReadableStreamReadResult<T> = ReadableStreamReadValueResult<T> | ReadableStreamReadDoneResult<T>;
interface ReadableStreamDefaultReader<R> {
  readonly closed: Promise<void>;
  cancel(reason?: unknown): Promise<void>;
  read(): Promise<ReadableStreamReadResult<R>>;
  releaseLock(): void;
}
interface ReadableStream<R> {
  readonly locked: boolean;
  cancel(reason?: unknown): Promise<void>;
  getReader(): ReadableStreamDefaultReader<R>;
}

// W3C Web Cryptography: SHA-256 and Ed25519 for signed updates (update-manifest.ts).
interface Algorithm {
  name: string;
}
type AlgorithmIdentifier = Algorithm | string;
type KeyFormat = 'jwk' | 'pkcs8' | 'raw' | 'spki';
type KeyType = 'private' | 'public' | 'secret';
type KeyUsage = 'decrypt' | 'deriveBits' | 'deriveKey' | 'encrypt' | 'sign' | 'unwrapKey' | 'verify' | 'wrapKey';
interface CryptoKey {
  readonly extractable: boolean;
  readonly type: KeyType;
  readonly usages: KeyUsage[];
}
interface SubtleCrypto {
  digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer>;
  importKey(
    format: Exclude<KeyFormat, 'jwk'>,
    keyData: BufferSource,
    algorithm: AlgorithmIdentifier,
    extractable: boolean,
    keyUsages: KeyUsage[],
  ): Promise<CryptoKey>;
  sign(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  verify(algorithm: AlgorithmIdentifier, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
}
interface Crypto {
  readonly subtle: SubtleCrypto;
}
declare const crypto: Crypto;
