// Types of verdicts.mjs for the TypeScript test that checks the guard's rule (e2e/bench).
export interface GuardedTarget {
  label: string;
  match: RegExp;
  comparison: '≥' | '≤';
  bound: number;
  why: string;
}
export interface Verdict {
  label: string;
  status: 'ok' | 'collapsed' | 'missing';
  value?: number;
  bound: number;
  comparison: '≥' | '≤';
  unit?: string;
  detail?: string;
}
export function verdicts(guarded: GuardedTarget[], results: { targets?: Array<{ name: string; value: unknown; unit?: string }> } | undefined): Verdict[];
export function verdictLine(benchmark: string, v: Verdict): string;
