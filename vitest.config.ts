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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      // The packages' own tests share a worker process, one file after another (isolate: false):
      // a new process per file re-imported the server and PGlite and re-read the migrated template
      // for each of ~200 files, about half of their CPU. They restore what they change (spies,
      // process.exitCode) and each opens its own database.
      { extends: true, test: { name: 'packages', include: ['packages/*/test/**/*.test.ts'], isolate: false } },
      // The end-to-end tests keep a process each: they start servers, browsers and child processes.
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'] } },
    ],
  },
});
