/** `consumo focus validate FILE`: checks a FOCUS CSV or Parquet file against FOCUS 1.0 or 1.2. */
// `consumo focus validate FILE`: checks a FOCUS cost-and-usage file (CSV, gzip-compressed CSV or
// Parquet) against FOCUS 1.0 or 1.2 and prints each violation, then a summary; streams the file.
import { type Command, CommanderError } from 'commander';
import type { ConformanceReport as Report, FocusFileFormat, FocusVersion, Violation } from '@consumo/focus';
import { UsageError } from '../connection.js';

const VERSIONS = ['1.0', '1.2'];
const FORMATS = ['csv', 'parquet'];
const DEFAULT_MAX = 1000;

const VALIDATE_HELP = `
Formats:
  From the extension unless --format says otherwise: .csv, .csv.gz (gunzipped on the fly), .parquet.
  In CSV an empty field is a null; the text NULL or null is reported (use an empty field).

Output:
  One line per violation, "row R, column C: message [rule]" (row 0: the header and dataset-wide
  rules), then a summary with the count per rule. --json prints each violation as a JSON object on
  its own line, then one line {"summary": …}. Past --max-violations the violations are counted, not
  printed.

Exit codes:
  0  the file conforms   1  violations were found   2  usage errors: unreadable file, unknown version or format
`;

const fmt = (n: number) => n.toLocaleString('en-US');

function maxViolationsOf(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-violations must be a whole number, got '${value}'`);
  return Number(value);
}

const line = (v: Violation) => `row ${v.row}, column ${v.column}: ${v.message} [${v.rule}]`;

function printSummary(file: string, report: Report, elapsedMs: number, max: number): void {
  const s = report.summary;
  const speed = elapsedMs >= 100 ? ` (${fmt(Math.round((s.rows * 1000) / elapsedMs))} rows/s)` : '';
  const checked = `${fmt(s.rows)} rows checked in ${(elapsedMs / 1000).toFixed(1)} s${speed}`;
  if (report.conformant) {
    console.log(`${file} conforms to FOCUS ${report.version}: ${checked}`);
  } else {
    const shown = s.truncated ? ` (the first ${fmt(s.collected)} shown, the rest counted; --max-violations ${max})` : '';
    console.log(`${file} does not conform to FOCUS ${report.version}: ${fmt(s.violations)} violation(s)${shown}; ${checked}`);
    const rules = Object.entries(s.byRule).sort(([, a], [, b]) => (b ?? 0) - (a ?? 0));
    const width = Math.max(...rules.map(([rule]) => rule.length));
    for (const [rule, count] of rules) console.log(`  ${rule.padEnd(width)}  ${fmt(count ?? 0)}`);
  }
  for (const note of s.notes) console.log(`note: ${note}`);
}

export function registerFocusCommands(program: Command): void {
  const focus = program.command('focus').description('FOCUS cost-and-usage files: check their conformance');
  const validate = focus
    .command('validate <file>')
    .description('check a FOCUS CSV (.csv, .csv.gz) or Parquet file against FOCUS 1.0 or 1.2; exit 1 when it does not conform')
    .addHelpText('after', VALIDATE_HELP)
    .option('--version <version>', `FOCUS version: ${VERSIONS.join(' or ')}`, '1.2')
    .option('--format <format>', `${FORMATS.join(' or ')} (default: from the extension)`)
    .option('--max-violations <n>', 'violations printed; the others are counted', String(DEFAULT_MAX))
    .option('--json', 'one JSON object per violation and a final {"summary": …} line')
    .action(async (file: string, opts: { version: string; format?: string; maxViolations: string; json?: boolean }) => {
      if (!VERSIONS.includes(opts.version)) throw new UsageError(`--version must be ${VERSIONS.join(' or ')}, got '${opts.version}'`);
      if (opts.format !== undefined && !FORMATS.includes(opts.format)) throw new UsageError(`--format must be ${FORMATS.join(' or ')}, got '${opts.format}'`);
      const max = maxViolationsOf(opts.maxViolations);
      // Loaded on use, so that the other commands start without the checker.
      const fc = await import('@consumo/focus');
      if (opts.format === undefined && fc.formatOfFile(file) === undefined) {
        throw new UsageError(`cannot tell the format of ${file} from its extension (.csv, .csv.gz, .parquet); give --format csv or --format parquet`);
      }
      const started = performance.now();
      let report: Report;
      try {
        report = await fc.validateFile(file, {
          version: opts.version as FocusVersion,
          format: opts.format as FocusFileFormat | undefined,
          maxViolations: max,
          onViolation: (v) => console.log(opts.json ? JSON.stringify(v) : line(v)),
        });
      } catch (err) {
        if (err instanceof fc.FocusFileError) throw new UsageError(err.message);
        throw err;
      }
      const elapsedMs = performance.now() - started;
      if (opts.json) console.log(JSON.stringify({ summary: { file, version: report.version, conformant: report.conformant, elapsedMs: Math.round(elapsedMs), ...report.summary } }));
      else printSummary(file, report, elapsedMs, max);
      process.exitCode = report.conformant ? 0 : 1;
    });
  // A usage mistake commander catches (missing FILE, unknown option) exits 2 like the others, not 1.
  validate.exitOverride((err) => {
    throw err.exitCode === 1 ? new CommanderError(2, err.code, err.message) : err;
  });
}
