// Lint rules, including the layer boundaries of the architecture (see README "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Forbids imports that cross a layer the wrong way; each entry is a regex on the import source. */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((regex) => ({ regex, message })) }],
  },
});

const NODE_BUILTINS = ['^node:', '^(fs|path|os|child_process|crypto)$'];
const pkg = (name) => `^${name}$`;
const dir = (name) => `(^|/)${name}/`;

export default tseslint.config(
  {
    ignores: [
      'out/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.tmp/',
      '.bench/',
      'reports/',
      '.stryker-tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bin/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  layer(
    ['electron/core/**'],
    [
      ...NODE_BUILTINS,
      pkg('electron'),
      pkg('better-sqlite3'),
      pkg('react'),
      pkg('zod'),
      dir('contract'),
      dir('store'),
      dir('services'),
    ],
    'core is pure: no Node, Electron, DB or outer-layer imports',
  ),
  layer(
    ['electron/contract/**'],
    [...NODE_BUILTINS, pkg('electron'), pkg('better-sqlite3'), dir('store'), dir('services'), dir('main')],
    'contract may import only core and zod',
  ),
  layer(
    ['electron/store/**'],
    [pkg('electron'), dir('services'), dir('contract'), dir('main'), dir('host')],
    'store may import only core',
  ),
  {
    ...layer(
      ['electron/services/**'],
      [pkg('electron'), pkg('better-sqlite3')],
      'services reach SQL only through electron/store, and only electron/main and preload import electron',
    ),
    // Tests may open a second connection to play another program holding the file.
    ignores: ['**/*.test.ts'],
  },
  {
    ...layer(
      ['electron/host/**', 'electron/cli/**'],
      [pkg('electron'), pkg('better-sqlite3'), dir('store')],
      'host and cli are transports: they call the services (services/headless.ts for the CLI), never the store',
    ),
    // Tests may build a project file directly as their setup.
    ignores: ['**/*.test.ts'],
  },
  {
    ...layer(
      ['electron/main/**'],
      [pkg('better-sqlite3'), dir('store')],
      'main is a transport: it calls the services, never the store or SQLite',
    ),
    ignores: ['**/*.test.ts'],
  },
  layer(
    ['renderer/**'],
    [
      ...NODE_BUILTINS,
      pkg('electron'),
      pkg('better-sqlite3'),
      dir('store'),
      dir('services'),
      dir('main'),
      dir('host'),
      dir('cli'),
    ],
    'the renderer talks to the Node side only through the API client',
  ),
  layer(
    ['electron/preload/**'],
    [pkg('zod'), dir('store'), dir('services'), dir('core')],
    'the preload exposes only the contract method list',
  ),
);
