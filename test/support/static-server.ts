/**
 * A static server for test pages, on the loopback address (loopback-server.ts), used by the
 * end-to-end tests, the demo and the bench. Every HTML page gets one inline script
 * at the end of <body> that records `document.body.outerHTML` once the parser has finished, so a
 * test can compare the page before and after Backstory annotated it.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');
export const PAGES_DIR = resolve(FIXTURES_DIR, 'pages');

// Taken at DOMContentLoaded, when parsing is complete (whitespace after </body> still lands in
// body) and before any content script at document_idle has run; the highlight count proves it.
const SNAPSHOT =
  '<script>document.addEventListener("DOMContentLoaded", () => {' +
  ' window.__backstoryBodyBefore = document.body.outerHTML;' +
  ' window.__backstoryDocumentBefore = document.documentElement.outerHTML;' +
  ' window.__backstoryHighlightsAtSnapshot = CSS.highlights.size; });</script>';

/**
 * Saved news pages are snapshots whose scripts and embedded frames expect their own servers;
 * served offline they only throw errors of their own (and Firefox's remote agent reports the
 * dead frames as failed navigations). With `stripScripts`, <script> and <iframe> elements and
 * inline event handlers are removed, so any page error left is one we caused.
 */
function stripScripts(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<iframe\b[\s\S]*?<\/iframe>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '');
}

export interface ServerOptions {
  stripScripts?: boolean;
}
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

export type TestServer = LoopbackServer;

export async function startServer(root = PAGES_DIR, options: ServerOptions = {}): Promise<TestServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = join(root, path);
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      try {
        let body: Buffer | string = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        if (type.startsWith('text/html')) {
          let html = body.toString('utf8');
          if (options.stripScripts) html = stripScripts(html);
          body = /<\/body>/i.test(html) ? html.replace(/<\/body>(?![\s\S]*<\/body>)/i, `${SNAPSHOT}</body>`) : html + SNAPSHOT;
        }
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  return listenOnLoopback(server);
}
