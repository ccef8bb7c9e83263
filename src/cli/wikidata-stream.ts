/**
 * Reading Wikidata entity JSON as a stream, one entity at a time, so that the full dump (over
 * 100 GB compressed) can be filtered on a laptop: memory holds one line, never the file.
 *
 * Two shapes are read, told apart by their first line:
 * - the JSON dumps (`latest-all.json.gz`): a JSON array with one entity per line, each line
 *   ending in a comma; gzip is recognised by its first bytes. Lines of bare entities (the
 *   array's brackets left out, as filtering tools often write them) are read the same way;
 * - a `wbgetentities` or Special:EntityData response: `{"entities": {"Q42": {…}}}`. The API
 *   returns at most 50 entities at a time, so it is read whole, up to MAX_RESPONSE_BYTES.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { WikidataResponse } from '../dataset/wikidata-schema';

/** Wikidata's largest entities are a few megabytes; a longer line is not an entity. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** One entity as found in the input, not yet checked, with the line it starts on. */
export interface RawEntity {
  line: number;
  /** The entity's id, read cheaply from the start of a dump line; undefined when not found there. */
  id: string | undefined;
  /** Parses the entity's JSON: deferred so that lines another id's filter skips are never parsed. */
  parse: () => unknown;
}

export class WikidataInputError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * A stream's chunks, read in flowing mode and paused while each is handled. Node's own async
 * iterator over a stream reads in paused mode, where Node 20 keeps about 150 bytes per chunk
 * until the stream ends: over a dump's millions of chunks that is memory that only grows.
 */
async function* chunksOf(stream: Readable): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  stream.on('data', (chunk: Buffer | string) => {
    queue.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    stream.pause();
    poke();
  });
  stream.once('end', () => {
    ended = true;
    poke();
  });
  stream.once('error', (error) => {
    failure = error;
    poke();
  });
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (failure !== null) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        stream.resume();
      });
    }
  } finally {
    stream.destroy();
  }
}

/** The input's bytes, gunzipped when they start with gzip's magic bytes. */
async function* decompressed(input: Readable): AsyncGenerator<Buffer> {
  const chunks = chunksOf(input);
  const first = await chunks.next();
  if (first.done) return;
  const head = first.value;
  if (head.subarray(0, 3).toString('latin1') === 'BZh') {
    throw new WikidataInputError(
      1,
      'is bzip2-compressed; use the .json.gz dump, or pipe it in: bzip2 -dc <file> | npm run dataset -- import wikidata -',
    );
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield head;
    yield* chunks;
    return;
  }
  async function* compressed(): AsyncGenerator<Buffer> {
    yield head;
    yield* chunks;
  }
  const gunzip = createGunzip();
  pipeline(Readable.from(compressed()), gunzip, () => undefined);
  yield* chunksOf(gunzip);
}

/** Splits a byte stream into lines, without their line ends. */
async function* lines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let partBytes = 0;
  let lineNo = 0;
  for await (const buffer of readable(decompressed(input), () => lineNo + 1)) {
    let start = 0;
    // A newline byte never occurs inside a multi-byte UTF-8 character, so splitting bytes at it is safe.
    for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, start)) {
      parts.push(decoder.write(buffer.subarray(start, at)));
      lineNo++;
      yield parts.join('');
      parts = [];
      partBytes = 0;
      start = at + 1;
    }
    if (start < buffer.length) {
      partBytes += buffer.length - start;
      if (partBytes > MAX_LINE_BYTES)
        throw new WikidataInputError(lineNo + 1, `is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB; is this Wikidata's entity JSON?`);
      parts.push(decoder.write(buffer.subarray(start)));
    }
  }
  const rest = parts.join('') + decoder.end();
  if (rest !== '') yield rest;
}

/** The chunks, with a failure to read them (a truncated gzip file, a disk error) reported at the line it reached. */
async function* readable(chunks: AsyncGenerator<Buffer>, line: () => number): AsyncGenerator<Buffer> {
  try {
    yield* chunks;
  } catch (error) {
    if (error instanceof WikidataInputError) throw error;
    throw new WikidataInputError(line(), `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const ID_AT_START = /^\{\s*"(?:type"\s*:\s*"[a-z]+"\s*,\s*")?id"\s*:\s*"([A-Z]\d+)"/;

function parseLine(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WikidataInputError(
      line,
      `is not JSON (${error instanceof Error ? error.message : String(error)}); expected one Wikidata entity per line, as in the JSON dumps`,
    );
  }
}

/** Every entity in the input, in order. Throws WikidataInputError with the line number on bad input. */
export async function* readWikidataEntities(input: Readable): AsyncGenerator<RawEntity> {
  let lineNo = 0;
  let shape: 'unknown' | 'dump' | 'response' | 'done' = 'unknown';
  let response: string[] = [];
  let responseBytes = 0;
  for await (const raw of lines(input)) {
    lineNo++;
    const text = raw.trim();
    if (shape === 'response') {
      responseBytes += raw.length;
      if (responseBytes > MAX_RESPONSE_BYTES)
        throw new WikidataInputError(
          lineNo,
          `the wbgetentities response is over ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; the API returns at most 50 entities, so is this a dump without its one-entity-per-line layout?`,
        );
      response.push(raw);
      continue;
    }
    if (text === '' || (shape === 'dump' && text === ']')) continue;
    if (shape === 'done') throw new WikidataInputError(lineNo, 'follows a whole wbgetentities response; give one response a file');
    if (shape === 'unknown') {
      if (text === '[') {
        shape = 'dump';
        continue;
      }
      if (!text.startsWith('{'))
        throw new WikidataInputError(
          lineNo,
          'is neither the start of a JSON dump ("[") nor of an entity or a wbgetentities response ("{")',
        );
      const body = text.endsWith(',') ? text.slice(0, -1) : text;
      let whole: unknown;
      try {
        whole = JSON.parse(body);
      } catch {
        // Not a whole object on one line: a pretty-printed response, read to its end.
        shape = 'response';
        response = [raw];
        responseBytes = raw.length;
        continue;
      }
      if (WikidataResponse.safeParse(whole).success) {
        yield* responseEntities(whole, lineNo);
        shape = 'done';
        continue;
      }
      shape = 'dump';
      yield { line: lineNo, id: ID_AT_START.exec(body)?.[1], parse: () => whole };
      continue;
    }
    const body = text.endsWith(',') ? text.slice(0, -1) : text;
    const line = lineNo;
    yield { line, id: ID_AT_START.exec(body)?.[1], parse: () => parseLine(body, line) };
  }
  if (shape === 'response' && response.length > 0) {
    const whole = parseLine(response.join('\n'), 1);
    yield* responseEntities(whole, 1);
  }
}

function* responseEntities(whole: unknown, line: number): Generator<RawEntity> {
  const parsed = WikidataResponse.safeParse(whole);
  if (!parsed.success) throw new WikidataInputError(line, 'is JSON but not a wbgetentities response: it has no "entities" object');
  for (const [id, entity] of Object.entries(parsed.data.entities)) {
    // An id Wikidata does not have comes back as {"id": …, "missing": ""}: there is nothing to read.
    if (typeof entity === 'object' && entity !== null && 'missing' in entity) continue;
    yield { line, id, parse: () => entity };
  }
}
