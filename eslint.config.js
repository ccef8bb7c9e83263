// Lint configuration: typescript-eslint's recommended rules, plus the house rules that
// keep page and dataset text as text (no innerHTML, no eval) and forbid `any`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The start of a relative import that climbs out of its room: `../`, `../../`… */
const UP = '^(\\.\\./)+';
/** Matches an import of `src/<name>` or a module in it, from anywhere inside another room of src/. */
const room = (name) => `${UP}${name}(/|$)`;
const ARCHITECTURE = 'docs/architecture.md, "Import rules"';
const TEXT_STAYS_TEXT = [
  { property: 'innerHTML', message: 'Page and dataset text stay text: use textContent.' },
  { property: 'outerHTML', message: 'Page and dataset text stay text.' },
  { property: 'insertAdjacentHTML', message: 'Page and dataset text stay text.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error', ...TEXT_STAYS_TEXT],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },

  {
    // Type-aware rules: a promise nobody awaits loses its rejection, and one handed to a
    // place that expects a plain function (an event listener, a forEach) is not awaited.
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },

  // Globals, by where the code runs (docs/architecture.md). TypeScript checks names in .ts
  // files, but ESLint's own rules still read these: no-implied-eval finds setTimeout and
  // setInterval only when they are declared globals.
  {
    files: ['src/content/**', 'src/popup/**', 'src/options/**', 'src/welcome/**', 'src/shared/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    // A service worker in Chrome, an event page (a window) in Firefox.
    files: ['src/background/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker, ...globals.webextensions } },
  },
  {
    // The extension, the command line and the unit tests all run it: only what both have.
    files: ['src/dataset/**'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },
  {
    files: ['src/cli/**', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Unit tests run in Node with happy-dom; e2e code, the demo and the bench also run inside pages.
    files: ['test/**', 'scripts/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Import rules (docs/architecture.md): each "never imports" is an entry here, so a wrong
  // import fails `npm run lint`. One config object per room, because a rule set again for
  // the same file replaces the earlier options instead of adding to them.
  {
    files: ['src/content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: room('background'),
              message: `Content code never imports background code; they share storage and messages (${ARCHITECTURE}).`,
            },
          ],
        },
      ],
      // zod/mini is the only zod on the content path (docs/decisions/0010): the schema
      // module's values are full zod schemas, which would then load in every tab.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `${UP}dataset/schema(\\.[jt]s)?$`,
              allowTypeImports: true,
              message:
                'Content code imports only types from src/dataset/schema (`import type`): its values are full zod schemas, and zod would then load in every tab (docs/decisions/0010).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/background/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: room('content'),
              message: `Background code never imports content code; they share storage and messages (${ARCHITECTURE}).`,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/popup/**', 'src/options/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: room('content'),
              message: `Extension pages never import content code; they talk to the tab through src/shared/messages (${ARCHITECTURE}).`,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: room('background'),
              message: `The command line runs in Node: it never imports background code, only src/dataset (${ARCHITECTURE}).`,
            },
            {
              regex: room('content'),
              message: `The command line runs in Node: it never imports content code, only src/dataset (${ARCHITECTURE}).`,
            },
          ],
        },
      ],
    },
  },
  {
    // src/dataset uses no browser API, so the command line and the unit tests run it in Node.
    files: ['src/dataset/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: room('shared'),
              message: `src/dataset never imports src/shared (settings, storage, messages are the extension's) (${ARCHITECTURE}).`,
            },
            {
              regex: '^webextension-polyfill(/|$)',
              message: `src/dataset uses no browser API: the command line and the unit tests run it in Node (${ARCHITECTURE}).`,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'chrome',
          message: `src/dataset uses no browser API: the command line and the unit tests run it in Node (${ARCHITECTURE}).`,
        },
        {
          name: 'browser',
          message: `src/dataset uses no browser API: the command line and the unit tests run it in Node (${ARCHITECTURE}).`,
        },
      ],
    },
  },

  {
    // Every storage key is declared in src/shared/storage.ts with its area and schema; the
    // rest of src/ reads, writes and watches through those items (docs/architecture.md, "Storage").
    files: ['src/**'],
    ignores: ['src/shared/storage.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...TEXT_STAYS_TEXT,
        {
          object: 'browser',
          property: 'storage',
          message: 'Use the storage items of src/shared/storage.ts (defineItem), not browser.storage.',
        },
      ],
    },
  },

  {
    // Tests read outerHTML to prove the page is unchanged; they never write it.
    files: ['test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
