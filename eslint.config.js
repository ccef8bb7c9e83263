// Lint configuration: typescript-eslint's recommended rules, plus the house rules that
// keep page and dataset text as text (no innerHTML, no eval) and forbid `any`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Page and dataset text stay text: use textContent.' },
        { property: 'outerHTML', message: 'Page and dataset text stay text.' },
        { property: 'insertAdjacentHTML', message: 'Page and dataset text stay text.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
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
    // Unit tests run in Node with happy-dom; e2e and bench code also runs inside pages.
    files: ['test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Tests read outerHTML to prove the page is unchanged; they never write it.
    files: ['test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
