/** The rule engine: a header, then rows of cells, checked against one FOCUS version without holding the rows. */
// The rule engine: fed a header and then rows of cells (as any reader gives them), it runs the header,
// cell, row and dataset rules of one FOCUS version and holds nothing per row but counters — a file of
// any length streams through it.
import type { Report } from './cell-rules.js';
import type { Cell } from './cells.js';
import { chargeRules } from './charge-rules.js';
import { classificationRules } from './classification-rules.js';
import { type CostTolerance, costRules } from './cost-rules.js';
import { DatasetRules } from './dataset-rules.js';
import { type FocusVersion, type FocusVersionRules, DEFAULT_FOCUS_VERSION, rulesOf } from './focus-versions.js';
import { type RowLayout, checkHeader } from './header-rules.js';
import { pairingRules } from './pairing-rules.js';
import { periodRules } from './period-rules.js';
import type { RowRule } from './row-rule.js';
import { RowView } from './row-view.js';
import { ViolationCollector } from './violation-collector.js';
import type { ConformanceReport, RuleId, Violation } from './violation.js';

export interface CheckOptions {
  /** FOCUS version to check against (default 1.2). */
  version?: FocusVersion;
  /** Violations kept in the report; later ones are only counted (default 1000). */
  maxViolations?: number;
  /** For the ListCost and ContractedCost products (default: 1e-6 relative, 1e-6 absolute; see cost-rules.ts). */
  costTolerance?: CostTolerance;
  /** Called with each kept violation as soon as it is found (dataset-wide ones come at the end). */
  onViolation?: (violation: Violation) => void;
  /**
   * Only these rules are reported (default: all). The requirements-model validator runs the
   * hand-written checker for the rules the model does not cover (requirements-model/consumo-rules.ts).
   */
  onlyRules?: ReadonlySet<RuleId>;
}

export class ConformanceChecker {
  readonly version: FocusVersion;
  private readonly rules: FocusVersionRules;
  private readonly collector: ViolationCollector;
  private readonly rowRules: RowRule[];
  private readonly dataset: DatasetRules;
  private layout: RowLayout | undefined;
  private view: RowView | undefined;
  private rows = 0;
  private at = 0;
  private finished = false;
  private readonly onlyRules: ReadonlySet<RuleId> | undefined;
  private readonly report: Report = (column, rule, message) => {
    if (this.onlyRules && !this.onlyRules.has(rule)) return;
    this.collector.add(this.at, column, rule, message);
  };

  constructor(options: CheckOptions = {}) {
    this.version = options.version ?? DEFAULT_FOCUS_VERSION;
    this.onlyRules = options.onlyRules;
    this.rules = rulesOf(this.version);
    this.collector = new ViolationCollector(options.maxViolations, options.onViolation);
    this.rowRules = [...pairingRules(this.rules), ...chargeRules(this.rules), ...costRules(options.costTolerance), ...classificationRules(), ...periodRules()];
    this.dataset = new DatasetRules(this.rules);
  }

  /** The column names, once, before any row. */
  header(names: readonly Cell[]): void {
    if (this.layout) throw new Error('the header was given already');
    this.at = 0;
    this.layout = checkHeader(
      names.map((n) => n ?? ''),
      this.rules,
      this.report,
    );
    this.view = new RowView(this.layout);
  }

  /** One data row, its cells in header order. */
  row(cells: readonly Cell[]): void {
    if (!this.layout) this.header([]);
    const layout = this.layout!;
    const view = this.view!;
    this.at = ++this.rows;
    if (cells.length !== layout.width) {
      this.report('*', 'row-length', `the row has ${cells.length} cells, the header ${layout.width} columns`);
      return;
    }
    const states = view.reset(this.rows, cells);
    const checks = layout.checks;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i];
      states[i] = check ? check(cells[i] ?? null, this.report) : 'null';
    }
    for (const rule of this.rowRules) rule(view, this.report);
    this.dataset.observe(view);
  }

  /** A problem of the file itself (e.g. broken CSV quoting) at a data row; reading stops there. */
  fileProblem(row: number, rule: RuleId, message: string): void {
    if (this.onlyRules && !this.onlyRules.has(rule)) return;
    this.collector.add(row, '*', rule, message);
  }

  /** Runs the dataset rules and returns the report; nothing can be fed after. */
  finish(): ConformanceReport {
    if (this.finished) throw new Error('finish() was called already');
    this.finished = true;
    if (!this.layout) this.header([]);
    this.at = 0;
    const notes = this.dataset.finish(this.report);
    const summary = this.collector.summary(this.rows, notes);
    return { version: this.version, conformant: summary.violations === 0, violations: this.collector.kept, summary };
  }
}

/** Checks rows whose first one is the header. */
export async function checkRows(rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>, options: CheckOptions = {}): Promise<ConformanceReport> {
  const checker = new ConformanceChecker(options);
  let first = true;
  for await (const cells of rows) {
    if (first) checker.header(cells);
    else checker.row(cells);
    first = false;
  }
  return checker.finish();
}
