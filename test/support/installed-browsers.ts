/**
 * Where the browsers the tests, the demo and the bench drive are installed. A missing browser
 * is an error that names the install command, never a silent skip.
 */
import { existsSync } from 'node:fs';

export const BROWSER_NAMES = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSER_NAMES)[number];

export function browserPath(name: BrowserName): string {
  const path =
    name === 'chromium' ? (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') : (process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr');
  if (!existsSync(path)) {
    const pkg = name === 'chromium' ? 'chromium' : 'firefox-esr';
    throw new Error(
      `${name} is not installed at ${path}. Install it with: sudo apt-get install -y ${pkg} (or set ${name === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}).`,
    );
  }
  return path;
}
