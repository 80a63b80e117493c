import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'geodata/dist/', 'artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Node entry points.
    files: ['bin/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The engine is pure: no DOM, MapLibre, workers, web, network or file system (DESIGN.md).
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['maplibre-gl', 'comlink', '**/web/**', '**/workers/**'], message: 'engine/ stays pure: no UI or worker code.' },
            { group: ['fs', 'node:*', 'path', 'child_process', 'http', 'https'], message: 'engine/ stays pure: no file system or network.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'fetch', 'localStorage', 'indexedDB', 'XMLHttpRequest', 'process'],
    },
  },
);
