// ESLint flat config: typescript-eslint's type-checked recommendations, Temporal's must-haves
// (no floating promises; workflow code stays deterministic and sandbox-safe).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const WORKFLOW_SANDBOX_MESSAGE =
  'Workflow code runs in a deterministic sandbox: use activities for I/O (type-only imports are fine).';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'db/migrations/**',
      'coverage/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Temporal: an un-awaited promise in a workflow or activity is a silent bug.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // These flag deliberate code (String(unknown), `${unknown}` in messages, Array.isArray narrowing to
      // any[], async functions kept async for an interface): noise rather than bugs.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
    },
  },
  {
    // Tests juggle asymmetric matchers (expect.any → any) and raw query rows: type-safety rules off there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      // Replayed for years: no API the SDK is about to drop (workflowInfo().searchAttributes, …).
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'got', 'pg', 'pino', 'drizzle-orm'].map((name) => ({
            name,
            message: WORKFLOW_SANDBOX_MESSAGE,
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['node:*', 'drizzle-orm/*', 'pg/*', 'pino/*', 'got/*'],
              message: WORKFLOW_SANDBOX_MESSAGE,
              allowTypeImports: true,
            },
            {
              group: [
                '@temporalio/activity',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/testing',
              ],
              message: 'Workflows may import @temporalio/workflow and @temporalio/common only (types aside).',
              allowTypeImports: true,
            },
            {
              group: ['**/activities/**', '**/db/**', '**/worker/**', '**/replay/**', '**/scripts/**'],
              message: WORKFLOW_SANDBOX_MESSAGE,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
