// The house rules in lint form (docs/tests.md). Type-checked typescript-eslint, React hooks, Next.js,
// drizzle's guards against a DELETE/UPDATE without WHERE, and the import layering of ARCHITECTURE.md.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import prettier from 'eslint-config-prettier';
import drizzle from 'eslint-plugin-drizzle';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of one of the top-level rooms, by alias or by any depth of `../`. */
const room = (...names) => ({
  regex: `^(@/|(\\.\\./)+)(${names.join('|')})(/|$)`,
});

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'db/migrations/**',
      'next-env.d.ts',
      // Static files served as they are (the service worker is plain browser JS, not part of the TS project).
      'public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // vitest's `expect.any()`/`expect.objectContaining()` are typed `any`; fakes implement async interfaces synchronously.
    files: ['**/*.test.ts', 'test/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.tsx', 'components/**/*.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['app/**', 'components/**'],
    plugins: { '@next/next': nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs['core-web-vitals'].rules },
  },
  {
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
  // Layering (ARCHITECTURE.md «Слои»): pure rules know nothing of the rest; the browser never sees the database.
  {
    files: ['domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...room('server', 'db', 'components', 'app'),
              message: 'domain/ — чистые правила: без server/, db/, components/ и app/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...room('db'), message: 'components/ работают в браузере: db/ им недоступна.' },
            {
              ...room('server'),
              allowTypeImports: true,
              message: 'components/ берут из server/ только типы (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...room('server', 'components', 'app'), message: 'db/ не зависит от server/, components/ и app/.' },
          ],
        },
      ],
    },
  },
  prettier,
);
