// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import { layersPlugin } from './scripts/eslint-layers.mjs';

/** Node built-ins and native modules the pure domain layer may not touch. */
const IMPURE = ['node:*', 'fs', 'path', 'os', 'child_process', 'sqlite3', 'sharp', 'electron'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-output/**', '.cache/**', 'models/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      eqeqeq: ['error', 'smart'],
      // Only the one wiring module may touch raw Electron IPC; everything else goes through the contract.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]',
          message:
            'Use the typed API contract; raw ipcMain/ipcRenderer belongs to src-main/electron/ipc.ts and preload.ts only.',
        },
      ],
    },
  },
  {
    // Layering on resolved paths, from the one table in src-main/layers.json.
    files: ['src-main/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/imports-downward': 'error' },
  },
  {
    files: ['src-main/domain/**/*.ts', 'src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IMPURE, message: 'The domain and contract layers are pure: no I/O, no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/ipc.ts', 'src-main/electron/preload.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'src-main/',
              message:
                'The renderer talks to the main side only through window.api and the contract types (@contract).',
            },
            {
              regex: '^@contract(/|$)',
              allowTypeImports: true,
              message:
                'Import the API contract with `import type` only: the renderer must not bundle main-side code.',
            },
            { group: ['node:*', 'fs', 'path', 'electron'], message: 'No Node or Electron in the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // CommonJS on purpose: loaded with `node --require` into child processes.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
