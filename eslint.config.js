import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/sdk/src/schema.ts', '.consumo/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The web console runs in a browser, with React's rules of hooks.
  {
    files: ['packages/console/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  { files: ['packages/console/public/**/*.js'], languageOptions: { globals: globals.browser, sourceType: 'script' } },
  // Layers (docs/architecture.md): SQL lives in repositories and storage, HTTP in routes, module
  // entry points and platform/http. Types may cross (a service may name a row type); values not.
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      '**/*.repository.ts',
      'packages/server/src/storage/**',
      // The filter compilers and the field tables: SQL fragments are what they produce.
      'packages/server/src/platform/filter-sql/**',
      '**/*.fields.ts',
      // Bulk seeders of demo data, like migrations, write tables directly.
      'packages/server/src/demo/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', allowTypeImports: true, message: 'Queries belong in a *.repository.ts (or storage/); import types only here.' }],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      '**/*.routes.ts',
      'packages/server/src/modules/*/index.ts',
      'packages/server/src/platform/http/**',
      // The composition root: builds the app and listens.
      'packages/server/src/app.ts',
      'packages/server/src/serve.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['fastify', '@fastify/*'], message: 'HTTP belongs in *.routes.ts, a module index.ts or platform/http/; services take and return plain values.' }],
        },
      ],
    },
  },
  // Date.UTC and new Date(y, m, …) read years 0–99 as 1900–1999 (issue 15, point 10): calendar fields
  // become instants through utcMs/utcDate (server platform/formats) or utcMidnightMs (@consumo/focus).
  {
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'UTC', message: 'Date.UTC reads years 0–99 as 1900–1999: use utcMs/utcDate (platform/formats) or utcMidnightMs.' },
      ],
    },
  },
  // Error envelopes come from the error catalog: an ApiError for a response, operationError() for the
  // error of an operation that failed. Nobody spells an errorCode by hand.
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/platform/errors/**',
      'packages/server/src/platform/operations/operation-error.ts',
      'packages/server/src/platform/http/error-responses.ts',
      // VMware's envelope and its closed list of codes: the Navigator family's own catalog (ADR 0020).
      'packages/server/src/modules/navigator/csp-errors.ts',
      'packages/server/src/modules/navigator/navigator.schemas.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='errorCode'], Property[key.value='errorCode']",
          message: 'Build errors from the catalog: new ApiError(name) for a response, operationError() (platform/operations) for a failed operation.',
        },
        {
          // Shares this rule's block: a second no-restricted-syntax block would replace the one above.
          selector: "NewExpression[callee.name='Date'][arguments.length>1]",
          message: 'new Date(y, m, …) is local time and reads years 0–99 as 1900–1999: use utcDate (platform/formats).',
        },
      ],
    },
  },
);
