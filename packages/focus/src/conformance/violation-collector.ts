/** Keeps the first maxViolations violations, counts every one per rule, and hands each kept one to a listener as found. */
import type { ConformanceSummary, RuleId, Violation } from './violation.js';

export const DEFAULT_MAX_VIOLATIONS = 1000;

export class ViolationCollector {
  readonly kept: Violation[] = [];
  private total = 0;
  private readonly byRule: Partial<Record<RuleId, number>> = {};

  constructor(
    private readonly max: number = DEFAULT_MAX_VIOLATIONS,
    private readonly onViolation?: (violation: Violation) => void,
  ) {}

  add(row: number, column: string, rule: RuleId, message: string): void {
    this.total++;
    this.byRule[rule] = (this.byRule[rule] ?? 0) + 1;
    if (this.kept.length >= this.max) return;
    const violation = { row, column, rule, message };
    this.kept.push(violation);
    this.onViolation?.(violation);
  }

  get count(): number {
    return this.total;
  }

  summary(rows: number, notes: string[]): ConformanceSummary {
    return { rows, violations: this.total, collected: this.kept.length, truncated: this.total > this.kept.length, byRule: { ...this.byRule }, notes };
  }
}
