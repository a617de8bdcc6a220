/**
 * Regenerates the column tables of docs/focus.md from the export profiles (`npm run docs`); with
 * `--check`, changes nothing and exits 1 when the file is stale. The docs test calls
 * `focusDocIsCurrent`, the same check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withProfileTables } from '../modules/focus-exports/profile-columns-doc.js';

export const FOCUS_DOC = fileURLToPath(new URL('../../../../docs/focus.md', import.meta.url));

/** True when docs/focus.md already lists the profiles as they are. */
export function focusDocIsCurrent(file = FOCUS_DOC): boolean {
  const current = readFileSync(file, 'utf8');
  return withProfileTables(current) === current;
}

export function writeFocusDoc(file = FOCUS_DOC): void {
  writeFileSync(file, withProfileTables(readFileSync(file, 'utf8')));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    if (!focusDocIsCurrent()) {
      console.error(`${FOCUS_DOC} is stale: run npm run docs`);
      process.exit(1);
    }
    console.log(`${FOCUS_DOC} is up to date`);
  } else {
    writeFocusDoc();
    console.log(`wrote ${FOCUS_DOC}`);
  }
}
