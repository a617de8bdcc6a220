/** Validates a FOCUS 1.2 or 1.3 file against the requirements model, with Consumo's hand-written checks for what the model does not cover; one verdict per rule id. */
// Reads the file once, streaming (csv-rows.ts, parquet-rows.ts), and feeds every row to the model
// engine and — for FOCUS 1.2 Cost and Usage, the version Consumo's hand-written checks know — to the
// hand-written checker restricted to the rules the model does not cover (consumo-rules.ts). The file's
// own problems (CSV syntax, short rows) are Consumo's checks for every version and dataset.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Cell } from '../conformance/cells.js';
import { ConformanceChecker } from '../conformance/conformance-checker.js';
import { CsvSyntaxError, csvRows } from '../conformance/csv-rows.js';
import { type ParquetReadOptions, parquetRows } from '../conformance/parquet-rows.js';
import { type FocusFileFormat, FocusFileError, formatOfFile } from '../conformance/validate-file.js';
import type { RuleId, Violation } from '../conformance/violation.js';
import { resolveApplicability } from './applicability-profile.js';
import { CONSUMO_ONLY_RULES, CONSUMO_RULE_TEXT } from './consumo-rules.js';
import { type ModelFocusVersion, MODEL_FOCUS_VERSIONS, bundledModel } from './model-loader.js';
import { type RuleVerdict, ModelChecker } from './model-engine.js';
import type { RequirementsModel } from './model-shape.js';

export interface ModelValidationOptions extends ParquetReadOptions {
  /** FOCUS version (default 1.2). */
  version?: ModelFocusVersion;
  /** Dataset of the file: a key of the model's ModelDatasets (default CostAndUsage). */
  dataset?: string;
  /** Declared applicability criteria: `consumo` (default), `all`, `none`, a list, a comma list or a file. */
  applicability?: string | readonly string[];
  /** Another model than the bundled one (e.g. the official assembled file, loaded with loadRequirementsModel). */
  model?: RequirementsModel;
  /** Default: from the extension. */
  format?: FocusFileFormat;
}

export interface ModelValidationReport {
  version: string;
  modelVersion: string;
  dataset: string;
  applicability: string[];
  rows: number;
  /** No rule graded error (MUST) failed. */
  conformant: boolean;
  counts: { pass: number; fail: number; skipped: number; errors: number; warnings: number; infos: number };
  /** Every rule reached from the dataset's entry point, and Consumo's own checks, by id. */
  rules: RuleVerdict[];
  notes: string[];
}

const FIRST = 5;

/** Validates rows whose first one is the header. */
export class ModelValidator {
  private readonly model: RequirementsModel;
  private readonly engine: ModelChecker;
  private readonly handWritten: ConformanceChecker | undefined;
  private readonly samples = new Map<RuleId, Violation[]>();
  private readonly applicability: Set<string>;
  private readonly fileProblems = new Map<'csv-syntax' | 'row-length', { failures: number; first: Violation[] }>([
    ['csv-syntax', { failures: 0, first: [] }],
    ['row-length', { failures: 0, first: [] }],
  ]);
  private width = -1;
  private rows = 0;
  readonly version: ModelFocusVersion;
  readonly dataset: string;
  private readonly notes: string[] = [];

  constructor(options: ModelValidationOptions = {}) {
    this.version = options.version ?? '1.2';
    if (!MODEL_FOCUS_VERSIONS.includes(this.version)) throw new RangeError(`no requirements model for FOCUS ${String(this.version)}`);
    this.dataset = options.dataset ?? 'CostAndUsage';
    this.model = options.model ?? bundledModel(this.version);
    this.applicability = resolveApplicability(options.applicability, this.model);
    this.engine = new ModelChecker(this.model, { dataset: this.dataset, applicability: this.applicability });
    if (this.version === '1.2' && this.dataset === 'CostAndUsage') {
      const only = new Set<RuleId>(CONSUMO_ONLY_RULES.filter((r) => r !== 'csv-syntax' && r !== 'row-length'));
      this.handWritten = new ConformanceChecker({
        version: '1.2',
        onlyRules: only,
        onViolation: (v) => {
          const list = this.samples.get(v.rule) ?? [];
          if (list.length < FIRST) list.push(v);
          this.samples.set(v.rule, list);
        },
      });
    } else {
      this.notes.push(`Consumo's hand-written checks beyond the model cover FOCUS 1.2 Cost and Usage only; FOCUS ${this.version} ${this.dataset} is checked by the model alone (and the file's syntax).`);
    }
  }

  header(names: readonly Cell[]): void {
    this.width = names.length;
    this.engine.header(names);
    this.handWritten?.header(names);
  }

  row(cells: readonly Cell[]): void {
    if (this.width < 0) this.header([]);
    const at = ++this.rows;
    if (cells.length !== this.width) {
      this.fileProblem('row-length', { row: at, column: '*', rule: 'row-length', message: `the row has ${cells.length} cells, the header ${this.width} columns` });
      this.engine.rowCells(cells.length > this.width ? cells.slice(0, this.width) : [...cells, ...Array<Cell>(this.width - cells.length).fill(null)]);
      return;
    }
    this.engine.rowCells(cells);
    this.handWritten?.row(cells);
  }

  fileProblem(rule: 'csv-syntax' | 'row-length', v: Violation): void {
    const p = this.fileProblems.get(rule)!;
    p.failures++;
    if (p.first.length < FIRST) p.first.push(v);
  }

  finish(): ModelValidationReport {
    if (this.width < 0) this.header([]);
    const rules = this.engine.finish();
    const consumo = (id: RuleId, failures: number, first: Violation[]): RuleVerdict => ({
      id,
      source: 'consumo',
      entity: first[0]?.column ?? '*',
      keyword: 'MUST',
      severity: 'error',
      status: failures > 0 ? 'fail' : 'pass',
      mustSatisfy: CONSUMO_RULE_TEXT[id] ?? id,
      // Consumo's checks count findings, not the rows they applied to.
      checked: 0,
      failures,
      firstFailures: first.map((v) => ({ row: v.row, values: {}, column: v.column, message: v.message })),
    });
    for (const [id, p] of this.fileProblems) rules.push(consumo(id, p.failures, p.first));
    if (this.handWritten) {
      const report = this.handWritten.finish();
      for (const id of CONSUMO_ONLY_RULES) {
        if (id === 'csv-syntax' || id === 'row-length') continue;
        rules.push(consumo(id, report.summary.byRule[id] ?? 0, this.samples.get(id) ?? []));
      }
      this.notes.push(...report.summary.notes);
    }
    const counts = { pass: 0, fail: 0, skipped: 0, errors: 0, warnings: 0, infos: 0 };
    for (const r of rules) {
      counts[r.status === 'skipped' ? 'skipped' : r.status]++;
      if (r.status === 'fail') counts[r.severity === 'error' ? 'errors' : r.severity === 'warning' ? 'warnings' : 'infos']++;
    }
    return {
      version: this.version,
      modelVersion: this.model.Details.ModelVersion,
      dataset: this.dataset,
      applicability: [...this.applicability].sort(),
      rows: this.rows,
      conformant: counts.errors === 0,
      counts,
      rules,
      notes: this.notes,
    };
  }
}

async function feed(validator: ModelValidator, rows: AsyncIterable<Cell[]>, what: string): Promise<ModelValidationReport> {
  let first = true;
  try {
    for await (const cells of rows) {
      if (first) validator.header(cells);
      else validator.row(cells);
      first = false;
    }
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw new FocusFileError(`cannot read ${what}: ${(err as Error).message}`, { cause: err });
    validator.fileProblem('csv-syntax', { row: err.row, column: '*', rule: 'csv-syntax', message: err.message });
  }
  return validator.finish();
}

/** Rows whose first one is the header. */
export async function validateRowsWithModel(rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>, options: ModelValidationOptions = {}): Promise<ModelValidationReport> {
  const validator = new ModelValidator(options);
  let first = true;
  for await (const cells of rows) {
    if (first) validator.header(cells);
    else validator.row(cells);
    first = false;
  }
  return validator.finish();
}

/** CSV text from a stream, the header first. */
export function validateCsvWithModel(input: Readable, options: ModelValidationOptions = {}): Promise<ModelValidationReport> {
  return feed(new ModelValidator(options), csvRows(input), 'the CSV');
}

/** A CSV (.csv, .csv.gz) or Parquet file. */
export async function validateFileWithModel(file: string, options: ModelValidationOptions = {}): Promise<ModelValidationReport> {
  const validator = new ModelValidator(options);
  const format = options.format ?? formatOfFile(file)?.format;
  if (format === undefined) throw new FocusFileError(`cannot tell the format of ${file} from its extension (.csv, .csv.gz, .parquet); give the format`);
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new FocusFileError(`${file} is not a file`);
  } catch (err) {
    if (err instanceof FocusFileError) throw err;
    throw new FocusFileError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (format === 'parquet') return feed(validator, parquetRows(file, options), file);
  const source = createReadStream(file);
  if (!file.toLowerCase().endsWith('.gz')) return feed(validator, csvRows(source), file);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  return feed(validator, csvRows(source.pipe(gunzip)), file);
}
