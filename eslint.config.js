// Lint configuration: typescript-eslint's recommended rules, plus the house rules that
// keep page and dataset text as text (no innerHTML, no eval) and forbid `any`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly',
        URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly',
      },
    },
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
  {
    // Tests read outerHTML to prove the page is unchanged; they never write it.
    files: ['test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
