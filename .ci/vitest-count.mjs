// Prints "<passed> <failed>" from a vitest JSON report. A test file that failed without any failing
// test (an import error, a crash in a hook) counts as one failure, so it cannot pass unseen.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = report.numFailedTests;
for (const file of report.testResults) {
  const failedTests = file.assertionResults.filter((a) => a.status === 'failed').length;
  if (file.status === 'failed' && failedTests === 0) failed += 1;
}
console.log(`${report.numPassedTests} ${failed}`);
