/**
 * Regenerates docs/fidelity.md from the vendor catalogue and the routes (`npm run docs`); with
 * `--check`, changes nothing and exits 1 when the file is stale or the catalogue and the routes
 * disagree. The docs test calls the same functions.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fidelityProblems, fidelityReport } from './fidelity/fidelity-report.js';
import { servedRoutes } from './fidelity/served-routes.js';

export const FIDELITY_DOC = fileURLToPath(new URL('../../../../docs/fidelity.md', import.meta.url));
const ADR_DIR = fileURLToPath(new URL('../../../../docs/adr/', import.meta.url));

export function adrFiles(): string[] {
  return readdirSync(ADR_DIR).filter((f) => /^\d{4}-.*\.md$/.test(f)).sort();
}

/** The document as the routes and the catalogue make it now, and any disagreement between them. */
export async function currentFidelity(): Promise<{ text: string; problems: string[] }> {
  const routes = await servedRoutes();
  const adrs = adrFiles();
  return { text: fidelityReport(routes, adrs), problems: fidelityProblems(routes, adrs) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { text, problems } = await currentFidelity();
  for (const problem of problems) console.error(`fidelity: ${problem}`);
  if (process.argv.includes('--check')) {
    const stale = readFileSync(FIDELITY_DOC, 'utf8') !== text;
    if (stale) console.error(`${FIDELITY_DOC} is stale: run npm run docs`);
    process.exit(stale || problems.length ? 1 : 0);
  }
  writeFileSync(FIDELITY_DOC, text);
  console.log(`wrote ${FIDELITY_DOC}`);
  process.exit(problems.length ? 1 : 0);
}
