// Lint without type information: fast on two cores. Type errors are `npm run typecheck` (tsc).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals, written out so the config needs no `globals` package. */
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    'process',
    '__dirname',
    '__filename',
    'global',
    'console',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'Buffer',
    'fetch',
    'Headers',
    'Request',
    'Response',
    'AbortController',
    'AbortSignal',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'performance',
  ].map((name) => [name, 'readonly']),
);

/** `it.only(...)`, `describe.skip.each(...)`, `fit(...)`, `xdescribe.each(...)` and so on. */
const TEST_FUNCTIONS = 'it|test|describe';
const FOCUSED_OR_SKIPPED = 'xit|xtest|xdescribe|fit|fdescribe';
const focusedOrSkippedTests = [
  {
    selector: `MemberExpression[object.name=/^(${TEST_FUNCTIONS})$/][property.name='only']`,
    message: 'A focused test (.only) silently skips the rest of the suite; remove .only.',
  },
  {
    selector: `MemberExpression[object.name=/^(${TEST_FUNCTIONS})$/][property.name='skip']`,
    message: 'No skipped tests left behind: fix the test or delete it.',
  },
  {
    selector: `CallExpression[callee.name=/^(${FOCUSED_OR_SKIPPED})$/]`,
    message: 'Focused (f…) or skipped (x…) tests hide the rest of the suite; use it/test/describe.',
  },
  {
    selector: `MemberExpression[object.name=/^(${FOCUSED_OR_SKIPPED})$/]`,
    message: 'Focused (f…) or skipped (x…) tests hide the rest of the suite; use it/test/describe.',
  },
];

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      '.cache/',
      '.data/',
      'coverage/',
      'artifacts/',
      // Generated from the services' OpenAPI documents (npm run generate:web-client).
      'services/gateway/web/src/generated/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Services and libraries log through pino (nestjs-pino), never to the console.
    files: ['services/**', 'libs/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['scripts/**', 'deploy/**', 'bench/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: [...TEST_FILES, 'tests/**', 'services/*/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: TEST_FILES,
    rules: { 'no-restricted-syntax': ['error', ...focusedOrSkippedTests] },
  },
  {
    // Plain Node scripts and configs: CommonJS (package.json has no "type": "module").
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web app runs in the browser.
    files: ['services/gateway/web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'document', 'localStorage', 'fetch', 'Headers', 'EventSource', 'HTMLElement', 'console', 'Intl'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
);
