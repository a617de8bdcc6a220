/** `consumo focus validate FILE`: checks a FOCUS CSV or Parquet file against FOCUS 1.2 or 1.3 (the requirements model) or 1.0. */
// `consumo focus validate FILE`: checks a FOCUS file (CSV, gzip-compressed CSV or Parquet), streaming
// it. FOCUS 1.2 and 1.3 are checked against the requirements model bundled in @consumo/focus (or the
// one --model names) plus Consumo's own checks for what the model does not cover, one verdict per rule
// id (ADR 0024); FOCUS 1.0 by the hand-written checker, one line per violation.
import { type Command, CommanderError } from 'commander';
import type { ConformanceReport as Report, FocusFileFormat, FocusVersion, ModelFocusVersion, ModelValidationReport, RuleVerdict, Violation } from '@consumo/focus';
import { UsageError } from '../connection.js';

const VERSIONS = ['1.0', '1.2', '1.3'];
const MODEL_VERSIONS = ['1.2', '1.3'];
const DATASETS = ['CostAndUsage', 'ContractCommitment'];
const FORMATS = ['csv', 'parquet'];
const DEFAULT_MAX = 1000;

const VALIDATE_HELP = `
Formats:
  From the extension unless --format says otherwise: .csv, .csv.gz (gunzipped on the fly), .parquet.
  In CSV an empty field is a null; the text NULL or null is reported (use an empty field).

FOCUS 1.2 and 1.3 (the requirements model):
  Every rule reached from the dataset's entry point is reported by id: FAIL (with the count and the
  first offending rows), PASS, or SKIP with the reason (not applicable, not machine-checkable, check
  function not implemented, a dependency failed). MUST rules fail the file, SHOULD ones warn, MAY
  ones inform. Rules with source "consumo" are Consumo's own checks for what the model does not cover.
  --applicability declares what the data generator supports: consumo (default: what Consumo's exports
  support), all, none, a comma-separated list (e.g. COMMITMENT_DISCOUNT_SUPPORTED,REGION_SUPPORTED) or
  a file (a JSON array, or one criterion per line). --model takes an official model-<version>.json (or
  a requirements_model folder) instead of the bundled one. --json prints the report as one JSON object.

FOCUS 1.0:
  One line per violation, "row R, column C: message [rule]" (row 0: the header and dataset-wide
  rules), then a summary with the count per rule. --json prints each violation as a JSON object on
  its own line, then one line {"summary": …}. Past --max-violations the violations are counted, not
  printed.

Exit codes:
  0  the file conforms   1  a MUST rule failed   2  usage errors: unreadable file, unknown version, dataset, criterion or format
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

const STATUS = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' } as const;

function verdictLines(r: RuleVerdict): string[] {
  const lines: string[] = [];
  const grade = r.status === 'fail' ? ` ${r.severity}` : '';
  const counts = r.status !== 'fail' ? '' : r.checked > 0 ? ` — ${fmt(r.failures)} of ${fmt(r.checked)} rows` : r.failures > 1 ? ` — ${fmt(r.failures)} findings` : '';
  const why = r.status === 'skipped' ? ` (${r.reason ?? 'skipped'})` : '';
  lines.push(`${STATUS[r.status]}${grade} ${r.id} [${r.source}] ${r.mustSatisfy}${counts}${why}`);
  if (r.status === 'fail') {
    for (const f of r.firstFailures) {
      const cells = Object.entries(f.values).map(([c, v]) => `${c}=${v === null ? 'null' : JSON.stringify(v)}`).join(', ');
      const what = f.message !== undefined ? `${f.column ?? '*'}: ${f.message}` : cells;
      // A header rule's row 0 says nothing more than the rule.
      if (what || f.row > 0) lines.push(`    row ${f.row}${what ? `: ${what}` : ''}`);
    }
  }
  for (const note of r.notes ?? []) lines.push(`    note: ${note}`);
  return lines;
}

function printModelReport(file: string, report: ModelValidationReport, elapsedMs: number): void {
  const order = { fail: 0, pass: 1, skipped: 2 } as const;
  const rules = [...report.rules].sort((a, b) => order[a.status] - order[b.status] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of rules) for (const l of verdictLines(r)) console.log(l);
  const c = report.counts;
  const verdict = report.conformant ? 'conforms to' : 'does not conform to';
  console.log(
    `${file} ${verdict} FOCUS ${report.version} ${report.dataset} (model ${report.modelVersion}): ${fmt(c.pass)} rules passed, ${fmt(c.fail)} failed (${fmt(c.errors)} MUST, ${fmt(c.warnings)} SHOULD, ${fmt(c.infos)} MAY), ${fmt(c.skipped)} skipped; ${fmt(report.rows)} rows in ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  console.log(`applicability: ${report.applicability.join(', ') || '(none declared)'}`);
  for (const note of report.notes) console.log(`note: ${note}`);
}

interface ValidateOptions {
  version: string;
  dataset: string;
  applicability?: string;
  model?: string;
  format?: string;
  maxViolations: string;
  json?: boolean;
}

async function validateWithModel(file: string, opts: ValidateOptions): Promise<void> {
  if (!MODEL_VERSIONS.includes(opts.version)) throw new UsageError(`--dataset and --applicability need --version ${MODEL_VERSIONS.join(' or ')}`);
  const fc = await import('@consumo/focus');
  if (opts.format === undefined && fc.formatOfFile(file) === undefined) {
    throw new UsageError(`cannot tell the format of ${file} from its extension (.csv, .csv.gz, .parquet); give --format csv or --format parquet`);
  }
  const started = performance.now();
  let report: ModelValidationReport;
  try {
    const model = opts.model !== undefined ? fc.loadRequirementsModel(opts.model) : undefined;
    if (model && model.Details.FOCUSVersion !== opts.version) throw new UsageError(`the model ${opts.model} is for FOCUS ${model.Details.FOCUSVersion}, not ${opts.version}`);
    report = await fc.validateFileWithModel(file, {
      version: opts.version as ModelFocusVersion,
      dataset: opts.dataset,
      applicability: opts.applicability,
      model,
      format: opts.format as FocusFileFormat | undefined,
    });
  } catch (err) {
    if (err instanceof fc.FocusFileError || err instanceof fc.RequirementsModelError || err instanceof fc.ApplicabilityError) throw new UsageError(err.message);
    throw err;
  }
  const elapsedMs = performance.now() - started;
  if (opts.json) console.log(JSON.stringify({ file, elapsedMs: Math.round(elapsedMs), ...report }));
  else printModelReport(file, report, elapsedMs);
  process.exitCode = report.conformant ? 0 : 1;
}

export function registerFocusCommands(program: Command): void {
  const focus = program.command('focus').description('FOCUS cost-and-usage files: check their conformance');
  const validate = focus
    .command('validate <file>')
    .description('check a FOCUS CSV (.csv, .csv.gz) or Parquet file against FOCUS 1.2 or 1.3 (the requirements model) or 1.0; exit 1 when a MUST rule fails')
    .addHelpText('after', VALIDATE_HELP)
    .option('--version <version>', `FOCUS version: ${VERSIONS.join(', ')}`, '1.2')
    .option('--dataset <dataset>', `FOCUS dataset (1.2, 1.3): ${DATASETS.join(' or ')} (1.3)`, 'CostAndUsage')
    .option('--applicability <criteria>', 'what the data generator supports (1.2, 1.3): consumo, all, none, a comma-separated list or a file', 'consumo')
    .option('--model <path>', 'a requirements model (assembled model-<version>.json or a requirements_model folder) instead of the bundled one')
    .option('--format <format>', `${FORMATS.join(' or ')} (default: from the extension)`)
    .option('--max-violations <n>', 'FOCUS 1.0: violations printed; the others are counted', String(DEFAULT_MAX))
    .option('--json', '1.2, 1.3: the report as one JSON object; 1.0: one JSON object per violation and a final {"summary": …} line')
    .action(async (file: string, opts: ValidateOptions) => {
      if (!VERSIONS.includes(opts.version)) throw new UsageError(`--version must be ${VERSIONS.join(', ')}, got '${opts.version}'`);
      if (opts.format !== undefined && !FORMATS.includes(opts.format)) throw new UsageError(`--format must be ${FORMATS.join(' or ')}, got '${opts.format}'`);
      if (!DATASETS.includes(opts.dataset)) throw new UsageError(`--dataset must be ${DATASETS.join(' or ')}, got '${opts.dataset}'`);
      const max = maxViolationsOf(opts.maxViolations);
      if (opts.version !== '1.0') return validateWithModel(file, opts);
      if (opts.dataset !== 'CostAndUsage' || opts.applicability !== 'consumo' || opts.model !== undefined) {
        throw new UsageError('FOCUS 1.0 has no requirements model: --dataset, --applicability and --model need --version 1.2 or 1.3');
      }
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
