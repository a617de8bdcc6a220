/**
 * Regenerates the error table of docs/errors.md from the error catalog (`npm run docs`); with
 * `--check`, changes nothing and exits 1 when the file is stale. The docs test calls
 * `errorsDocIsCurrent`, the same check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withErrorCatalog } from '../platform/errors/errors-doc.js';

export const ERRORS_DOC = fileURLToPath(new URL('../../../../docs/errors.md', import.meta.url));

/** True when docs/errors.md already carries the catalog as it is. */
export function errorsDocIsCurrent(file = ERRORS_DOC): boolean {
  const current = readFileSync(file, 'utf8');
  return withErrorCatalog(current) === current;
}

export function writeErrorsDoc(file = ERRORS_DOC): void {
  writeFileSync(file, withErrorCatalog(readFileSync(file, 'utf8')));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    if (!errorsDocIsCurrent()) {
      console.error(`${ERRORS_DOC} is stale: run npm run docs`);
      process.exit(1);
    }
    console.log(`${ERRORS_DOC} is up to date`);
  } else {
    writeErrorsDoc();
    console.log(`wrote ${ERRORS_DOC}`);
  }
}
