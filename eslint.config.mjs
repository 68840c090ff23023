// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers of src-main, lowest first. A layer may import only the layers listed for it.
 * The renderer reaches the main side only through type imports of the API contract.
 */
const LAYERS = {
  domain: [],
  platform: ['domain'],
  engine: ['domain', 'platform'],
  storage: ['domain', 'platform'],
  data: ['domain', 'platform', 'storage'],
  runner: ['domain', 'platform', 'engine', 'storage', 'data'],
  api: ['domain', 'platform', 'engine', 'storage', 'data', 'runner'],
  serve: ['api', 'platform', 'domain'],
  cli: ['api', 'platform', 'domain', 'serve'],
  electron: ['api', 'platform', 'domain', 'engine'],
  bench: ['domain', 'platform', 'engine', 'storage', 'data', 'runner', 'api'],
};

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== layer && !allowed.includes(other));
  const patterns = forbidden.map((other) => ({
    group: [`**/${other}/**`, `../${other}`, `../../${other}`],
    message: `Layer '${layer}' may not import '${other}'. Allowed: ${allowed.join(', ') || 'nothing'}.`,
  }));
  if (layer === 'domain') {
    patterns.push({
      group: ['node:*', 'fs', 'path', 'os', 'child_process', 'sqlite3', 'sharp', 'electron'],
      message: 'The domain layer is pure: no I/O, no Node built-ins.',
    });
  }
  return {
    files: [`src-main/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

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
  ...layerRules,
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
              regex: 'src-main/(?!api/contract(/|$))',
              message: 'The renderer talks to the main side only through window.api and the contract types.',
            },
            {
              regex: 'src-main/api/contract',
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
