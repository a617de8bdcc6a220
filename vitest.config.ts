import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, entry = 'index.ts') => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run on the TypeScript sources of sibling packages, not on their last build.
    // A subpath export comes before its package: the first alias whose name prefixes the import wins.
    alias: {
      '@consumo/filter': src('filter'),
      '@consumo/focus/formats': src('focus', 'formats/index.ts'),
      '@consumo/focus/columns': src('focus', 'columns/index.ts'),
      '@consumo/focus': src('focus'),
      '@consumo/sdk': src('sdk'),
      '@consumo/testing': src('testing'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
