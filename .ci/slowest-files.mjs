// Prints the slowest test files of a vitest JSON report (each file's startTime to endTime, as vitest
// reports them) and the suite's sum, so CI time can be worked on from its own log.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, count = '12'] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
const files = report.testResults
  .map((r) => ({ name: path.relative(process.cwd(), r.name), seconds: (r.endTime - r.startTime) / 1000, tests: r.assertionResults.length }))
  .sort((a, b) => b.seconds - a.seconds);
const total = files.reduce((sum, f) => sum + f.seconds, 0);
console.log(`${files.length} files, ${total.toFixed(0)} s of file time; the slowest:`);
for (const f of files.slice(0, Number(count))) console.log(`${f.seconds.toFixed(1).padStart(8)} s  ${String(f.tests).padStart(4)} tests  ${f.name}`);
