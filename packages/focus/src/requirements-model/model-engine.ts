/** Evaluates a FOCUS requirements model on a stream of rows: dataset entry points, applicability, dependencies, conditions, requirements, grading by keyword. */
// The engine starts at the dataset's root rules (ModelDatasets), follows CheckModelRule links and
// Dependencies, and sorts every reachable rule into one of four kinds by its Requirement:
//   header    — ColumnPresent (and AND/OR of them): decided from the header;
//   row       — functions of one row: per row, the Condition filters, then the Requirement must hold;
//   dataset   — CheckNoDuplicates, CheckDistinctCount: state across rows, decided at the end;
//   composite — AND/OR of CheckModelRule only: decided from the referenced rules at the end.
// A rule is skipped (never passed) when its ApplicabilityCriteria are not all declared, when it is
// Dynamic (not machine-checkable), when it uses a check function the engine lacks, when a dependency is
// skipped as not applicable or failed, or when every rule that refers to it is skipped. Memory is
// bounded: per rule counters and the first offending rows; dataset checks stop tracking at a limit and
// say so.
import type { Cell } from '../conformance/cells.js';
import {
  type DatasetCheck,
  type ModelRow,
  DATASET_CHECKS,
  HEADER_CHECKS,
  ROW_CHECKS,
  unsupportedCheck,
} from './check-functions.js';
import { type CheckNode, type ModelRule, type RequirementsModel, RequirementsModelError } from './model-shape.js';

export type Severity = 'error' | 'warning' | 'info';
export type RuleStatus = 'pass' | 'fail' | 'skipped';
export type SkipReason = 'not-applicable' | 'not-checkable' | 'not-implemented' | 'dependency-failed' | 'parent-skipped';

export interface OffendingRow {
  /** 1-based data row (0: the header, or the dataset as a whole). */
  row: number;
  /** The cells of the columns the rule reads. */
  values: Record<string, Cell>;
  /** Consumo's checks: the column concerned and what is wrong. */
  column?: string;
  message?: string;
}

export interface RuleVerdict {
  id: string;
  /** "model <ModelVersion>" for a rule of the requirements model, "consumo" for one of Consumo's own checks. */
  source: string;
  entity: string;
  keyword: string;
  severity: Severity;
  status: RuleStatus;
  skip?: SkipReason;
  /** Why the rule was skipped, in words. */
  reason?: string;
  mustSatisfy: string;
  /** Rows the rule applied to (its Condition held); 0 for header, composite and skipped rules. */
  checked: number;
  failures: number;
  firstFailures: OffendingRow[];
  notes?: string[];
}

/** MUST (NOT), REQUIRED, SHALL (NOT): error; SHOULD (NOT), RECOMMENDED: warning; MAY, OPTIONAL: info. */
export function severityOf(keyword: string): Severity {
  const k = keyword.trim().toUpperCase();
  if (k.startsWith('SHOULD') || k === 'RECOMMENDED' || k === 'NOT RECOMMENDED') return 'warning';
  if (k === 'MAY' || k === 'OPTIONAL') return 'info';
  return 'error';
}

const FIRST_FAILURES = 5;

type Kind = 'header' | 'row' | 'dataset' | 'composite';
type Tri = 'pass' | 'fail' | 'skip';
type RowFn = (row: ModelRow) => boolean;

interface State {
  id: string;
  rule: ModelRule;
  kind: Kind;
  status: RuleStatus | 'active';
  skip?: SkipReason;
  reason?: string;
  checked: number;
  failures: number;
  firstFailures: OffendingRow[];
  notes: string[];
  /** Rules its Requirement or Condition refers to. */
  refs: string[];
  columns: string[];
  condition?: RowFn;
  requirement?: RowFn;
  dataset?: DatasetCheck;
}

function walk(node: CheckNode, visit: (n: CheckNode) => void): void {
  if (!node || typeof node !== 'object' || node.CheckFunction === undefined) return;
  visit(node);
  for (const item of node.Items ?? []) walk(item, visit);
}

function columnsOf(...nodes: CheckNode[]): string[] {
  const out = new Set<string>();
  for (const node of nodes) {
    walk(node, (n) => {
      for (const key of ['ColumnName', 'ColumnAName', 'ColumnBName', 'ResultColumnName']) if (typeof n[key] === 'string') out.add(n[key] as string);
    });
  }
  return [...out];
}

const isEmpty = (node: CheckNode) => !node || node.CheckFunction === undefined;

export interface ModelCheckerOptions {
  /** The dataset to check (a key of ModelDatasets). */
  dataset: string;
  /** The applicability criteria the data generator declares. */
  applicability: ReadonlySet<string>;
}

export class ModelChecker {
  readonly source: string;
  private readonly states = new Map<string, State>();
  private readonly roots: string[];
  private readonly order: string[] = [];
  private rowRules: State[] = [];
  private datasetRules: State[] = [];
  private columns: ReadonlyMap<string, number> = new Map();
  private cells: readonly Cell[] = [];
  private rows = 0;
  private readonly row: ModelRow = { cell: (name) => {
    const at = this.columns.get(name);
    return at === undefined ? undefined : (this.cells[at] ?? null);
  } };

  constructor(
    private readonly model: RequirementsModel,
    private readonly options: ModelCheckerOptions,
  ) {
    this.source = `model ${model.Details.ModelVersion}`;
    const entry = model.ModelDatasets[options.dataset];
    if (!entry) throw new RequirementsModelError(`the requirements model ${model.Details.ModelVersion} has no dataset ${options.dataset} (it has ${Object.keys(model.ModelDatasets).join(', ')})`);
    this.roots = entry.ModelRules;
    this.collect();
    this.sort();
    for (const id of this.order) this.prepare(this.states.get(id)!);
    this.propagate();
  }

  /** Every rule reachable from the roots, through references and dependencies. */
  private collect(): void {
    const pending = [...this.roots];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (this.states.has(id)) continue;
      const rule = this.model.ModelRules[id];
      if (!rule) throw new RequirementsModelError(`the requirements model ${this.model.Details.ModelVersion} refers to the rule ${id}, which it does not define`);
      const vc = rule.ValidationCriteria;
      const refs: string[] = [];
      for (const node of [vc.Requirement, vc.Condition]) walk(node, (n) => n.CheckFunction === 'CheckModelRule' && typeof n.ModelRuleId === 'string' && refs.push(n.ModelRuleId));
      this.states.set(id, { id, rule, kind: 'row', status: 'active', checked: 0, failures: 0, firstFailures: [], notes: [], refs, columns: columnsOf(vc.Requirement, vc.Condition) });
      pending.push(...refs, ...vc.Dependencies);
    }
  }

  /** Rules after what they depend on and refer to; a cycle is a broken model. */
  private sort(): void {
    const mark = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]) => {
      const m = mark.get(id);
      if (m === 'done') return;
      if (m === 'visiting') throw new RequirementsModelError(`the requirements model has a cycle: ${[...path, id].join(' → ')}`);
      mark.set(id, 'visiting');
      const s = this.states.get(id)!;
      for (const next of [...s.refs, ...s.rule.ValidationCriteria.Dependencies]) visit(next, [...path, id]);
      mark.set(id, 'done');
      this.order.push(id);
    };
    for (const id of [...this.states.keys()].sort()) visit(id, []);
  }

  private skip(s: State, skip: SkipReason, reason: string): void {
    s.status = 'skipped';
    s.skip = skip;
    s.reason = reason;
    s.checked = 0;
    s.failures = 0;
    s.firstFailures = [];
  }

  /** A row function for a node, or a reason it cannot be one. */
  private rowFn(node: CheckNode): RowFn | string {
    const fn = node.CheckFunction!;
    if (fn === 'AND' || fn === 'OR') {
      const items = (node.Items ?? []).map((i) => this.rowFn(i));
      const bad = items.find((i) => typeof i === 'string');
      if (bad !== undefined) return bad;
      const fns = items as RowFn[];
      return fn === 'AND' ? (row) => fns.every((f) => f(row)) : (row) => fns.some((f) => f(row));
    }
    if (fn === 'CheckModelRule') {
      const target = this.states.get(node.ModelRuleId!)!;
      if (target.kind !== 'row') return `refers to ${target.id}, which is not a rule of one row`;
      // Evaluated lazily: the target is prepared before (sorted order); a skipped target does not constrain.
      return (row) => {
        if (target.status !== 'active' || !target.requirement) return true;
        if (target.condition && !target.condition(row)) return true;
        return target.requirement(row);
      };
    }
    const check = ROW_CHECKS[fn];
    if (!check) return `${fn} is not a function of one row`;
    return (row) => check(node, row);
  }

  private prepare(s: State): void {
    const { rule } = s;
    const vc = rule.ValidationCriteria;
    const missing = rule.ApplicabilityCriteria.filter((c) => !this.options.applicability.has(c));
    if (missing.length > 0) return this.skip(s, 'not-applicable', `not applicable: ${missing.join(', ')} not declared`);
    if (rule.Type === 'Dynamic') return this.skip(s, 'not-checkable', 'Dynamic rule: not machine-checkable');
    if (isEmpty(vc.Requirement)) return this.skip(s, 'not-checkable', 'no machine-checkable requirement');
    let unsupported: string | null = null;
    for (const node of [vc.Requirement, vc.Condition]) walk(node, (n) => (unsupported ??= unsupportedCheck(n)));
    if (unsupported) return this.skip(s, 'not-implemented', `skipped: ${unsupported}`);
    const leaves: string[] = [];
    walk(vc.Requirement, (n) => n.CheckFunction !== 'AND' && n.CheckFunction !== 'OR' && leaves.push(n.CheckFunction!));
    const fn = vc.Requirement.CheckFunction!;
    if (leaves.every((f) => f === 'CheckModelRule')) s.kind = 'composite';
    else if (leaves.every((f) => f in HEADER_CHECKS)) s.kind = 'header';
    else if (fn in DATASET_CHECKS) {
      s.kind = 'dataset';
      s.dataset = DATASET_CHECKS[fn]!(vc.Requirement);
    } else {
      s.kind = 'row';
      const requirement = this.rowFn(vc.Requirement);
      if (typeof requirement === 'string') return this.skip(s, 'not-implemented', `skipped: the requirement ${requirement}`);
      s.requirement = requirement;
    }
    if (!isEmpty(vc.Condition)) {
      if (s.kind === 'header' || s.kind === 'composite') return this.skip(s, 'not-implemented', 'skipped: a Condition on a header or composite rule is not implemented');
      const condition = this.rowFn(vc.Condition);
      if (typeof condition === 'string') return this.skip(s, 'not-implemented', `skipped: the condition ${condition}`);
      s.condition = condition;
    }
  }

  /** Skips, to a fixed point, rules whose dependency is not applicable or failed and rules no active rule refers to. */
  private propagate(): void {
    const referrers = new Map<string, State[]>();
    for (const s of this.states.values()) for (const r of s.refs) referrers.set(r, [...(referrers.get(r) ?? []), s]);
    const roots = new Set(this.roots);
    let changed = true;
    while (changed) {
      changed = false;
      for (const id of this.order) {
        const s = this.states.get(id)!;
        if (s.status === 'skipped') continue;
        for (const dep of s.rule.ValidationCriteria.Dependencies) {
          // A composite lists the rules it is made of among its dependencies too: those decide it, they do not gate it.
          if (s.refs.includes(dep)) continue;
          const d = this.states.get(dep)!;
          if (d.status === 'fail') {
            this.skip(s, 'dependency-failed', `skipped: its dependency ${dep} failed`);
            changed = true;
            break;
          }
          if (d.status === 'skipped' && (d.skip === 'not-applicable' || d.skip === 'dependency-failed' || d.skip === 'parent-skipped')) {
            this.skip(s, d.skip === 'dependency-failed' ? 'dependency-failed' : 'not-applicable', `skipped: its dependency ${dep} is skipped (${d.reason})`);
            changed = true;
            break;
          }
        }
        // A rule already decided keeps its verdict when the rule around it is skipped later.
        if ((s.status as RuleStatus | 'active') !== 'active' || roots.has(id)) continue;
        const parents = referrers.get(id) ?? [];
        if (parents.length > 0 && parents.every((p) => p.status === 'skipped')) {
          const p = parents[0]!;
          this.skip(s, p.skip === 'dependency-failed' ? 'dependency-failed' : p.skip === 'not-applicable' ? 'not-applicable' : 'parent-skipped', `skipped: the rule referring to it, ${p.id}, is skipped`);
          changed = true;
        }
      }
    }
  }

  /** The column names, once, before any row. */
  header(names: readonly Cell[]): void {
    const index = new Map<string, number>();
    names.forEach((n, i) => n !== null && !index.has(n) && index.set(n, i));
    this.columns = index;
    const present = new Set(index.keys());
    const evalHeader = (node: CheckNode): boolean => {
      const fn = node.CheckFunction!;
      if (fn === 'AND') return (node.Items ?? []).every(evalHeader);
      if (fn === 'OR') return (node.Items ?? []).some(evalHeader);
      return HEADER_CHECKS[fn]!(node, present);
    };
    for (const id of this.order) {
      const s = this.states.get(id)!;
      if (s.status !== 'active' || s.kind !== 'header') continue;
      const ok = evalHeader(s.rule.ValidationCriteria.Requirement);
      s.status = ok ? 'pass' : 'fail';
      if (!ok) {
        s.failures = 1;
        s.firstFailures = [{ row: 0, values: {} }];
      }
    }
    this.propagate();
    this.rowRules = this.order.map((id) => this.states.get(id)!).filter((s) => s.status === 'active' && s.kind === 'row');
    this.datasetRules = this.order.map((id) => this.states.get(id)!).filter((s) => s.status === 'active' && s.kind === 'dataset');
  }

  private offending(s: State, at: number): void {
    s.failures++;
    if (s.firstFailures.length >= FIRST_FAILURES) return;
    const values: Record<string, Cell> = {};
    for (const c of s.columns) values[c] = this.row.cell(c) ?? null;
    s.firstFailures.push({ row: at, values });
  }

  /** One data row, its cells in header order. */
  rowCells(cells: readonly Cell[]): void {
    this.cells = cells;
    const at = ++this.rows;
    const row = this.row;
    for (const s of this.rowRules) {
      if (s.condition && !s.condition(row)) continue;
      s.checked++;
      if (!s.requirement!(row)) this.offending(s, at);
    }
    for (const s of this.datasetRules) {
      if (s.condition && !s.condition(row)) continue;
      s.checked++;
      s.dataset!.observe(row, at);
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Decides the row, dataset and composite rules and returns every reachable rule's verdict, by id. */
  finish(): RuleVerdict[] {
    for (const s of [...this.rowRules, ...this.datasetRules]) {
      if (s.kind === 'dataset') {
        const r = s.dataset!.finish();
        s.failures = r.failures;
        s.firstFailures = r.rows.map((row) => ({ row, values: {} }));
        s.notes.push(...r.notes);
      }
      s.status = s.failures > 0 ? 'fail' : 'pass';
    }
    this.propagate();
    const tri = (node: CheckNode): Tri => {
      const fn = node.CheckFunction!;
      if (fn === 'CheckModelRule') {
        const t = this.states.get(node.ModelRuleId!)!;
        if (t.status === 'pass') return 'pass';
        // A failed SHOULD or MAY rule is reported on its own; it does not fail the MUST rule around it.
        if (t.status === 'fail') return severityOf(t.rule.ValidationCriteria.Keyword) === 'error' ? 'fail' : 'pass';
        return 'skip';
      }
      const items = (node.Items ?? []).map(tri);
      if (items.every((i) => i === 'skip')) return 'skip';
      if (fn === 'AND') return items.includes('fail') ? 'fail' : 'pass';
      return items.includes('pass') ? 'pass' : 'fail';
    };
    for (const id of this.order) {
      const s = this.states.get(id)!;
      if (s.status !== 'active' || s.kind !== 'composite') continue;
      const t = tri(s.rule.ValidationCriteria.Requirement);
      if (t === 'skip') {
        const kinds = new Set(s.refs.map((r) => this.states.get(r)!.skip));
        const kind = kinds.size === 1 ? [...kinds][0]! : 'parent-skipped';
        this.skip(s, kind, `skipped: every rule it is made of is skipped${kinds.size === 1 ? ` (${kind})` : ''}`);
      }
      else {
        s.status = t;
        s.failures = t === 'fail' ? 1 : 0;
      }
    }
    return [...this.states.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((s) => {
        const vc = s.rule.ValidationCriteria;
        const verdict: RuleVerdict = {
          id: s.id,
          source: this.source,
          entity: s.rule.Reference,
          keyword: vc.Keyword,
          severity: severityOf(vc.Keyword),
          status: s.status === 'active' ? 'skipped' : s.status,
          mustSatisfy: vc.MustSatisfy,
          checked: s.checked,
          failures: s.failures,
          firstFailures: s.firstFailures,
        };
        if (s.skip) verdict.skip = s.skip;
        if (s.reason) verdict.reason = s.reason;
        if (s.notes.length > 0) verdict.notes = s.notes;
        return verdict;
      });
  }
}
