/**
 * The content script the manifest names, kept to a few lines on purpose. It loads the real
 * one (content-main.js, built from ./index.ts) as a module.
 *
 * Why: browsers compile a content script on the page's main thread, in the same task that runs
 * it, and for a script our size that one task was longer than a frame. A module fetched with
 * `import()` is compiled off the main thread, and its evaluation is a task of its own, so the
 * work is split into this script's short task and the module's
 * (docs/decisions/0005-content-script-loader.md). Content scripts' own imports
 * are not subject to the page's Content-Security-Policy (w3.org/TR/CSP3/#extensions), and the
 * module runs in the content script's isolated world, with the same extension APIs.
 *
 * `chrome.runtime.getURL` is used directly, not through webextension-polyfill, so this script
 * stays tiny; Firefox provides the `chrome` namespace too. In Chrome the module is listed as a
 * web-accessible resource with `use_dynamic_url`, so pages cannot probe for it at a fixed URL.
 */
declare const chrome: { runtime: { getURL(path: string): string } };

const MAIN_SCRIPT = 'content-main.js';

import(/* @vite-ignore */ chrome.runtime.getURL(MAIN_SCRIPT)).catch((error: unknown) => {
  console.error('Backstory could not start on this page: its main script did not load.', error);
});
