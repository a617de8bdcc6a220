/**
 * The performance guard's verdict on one benchmark run: each guarded target looked up in the run's
 * `targets` (bench/README.md: every benchmark writes them) and its value held against the guard's
 * collapse bound. A pure function of the two, so the rule itself is tested (e2e/bench).
 */

/**
 * @typedef {{ label: string, match: RegExp, comparison: '≥' | '≤', bound: number, why: string }} GuardedTarget
 * @typedef {{ label: string, status: 'ok' | 'collapsed' | 'missing', value?: number, bound: number,
 *   comparison: '≥' | '≤', unit?: string, detail?: string }} Verdict
 */

/**
 * @param {GuardedTarget[]} guarded
 * @param {{ targets?: Array<{ name: string, value: unknown, unit?: string }> } | undefined} results
 * @returns {Verdict[]}
 */
export function verdicts(guarded, results) {
  const targets = Array.isArray(results?.targets) ? results.targets : [];
  return guarded.map((g) => {
    const base = { label: g.label, bound: g.bound, comparison: g.comparison };
    const found = targets.filter((t) => typeof t?.name === 'string' && g.match.test(t.name));
    // A target the run no longer reports is a failure too: a renamed or dropped measurement would
    // otherwise leave the guard passing while guarding nothing.
    if (found.length !== 1) return { ...base, status: 'missing', detail: `${found.length} reported targets match ${g.match}` };
    const [t] = found;
    if (typeof t.value !== 'number' || !Number.isFinite(t.value)) {
      return { ...base, status: 'missing', detail: `'${t.name}' has no numeric value` };
    }
    const collapsed = g.comparison === '≥' ? t.value < g.bound : t.value > g.bound;
    return { ...base, status: collapsed ? 'collapsed' : 'ok', value: t.value, unit: t.unit };
  });
}

/** One line per verdict, for the CI log. */
export function verdictLine(benchmark, v) {
  const mark = v.status === 'ok' ? 'ok       ' : v.status === 'collapsed' ? 'COLLAPSED' : 'MISSING  ';
  const unit = v.unit ? ` ${v.unit}` : '';
  const value = v.value === undefined ? v.detail : `${v.value}${unit}`;
  return `  ${mark} ${benchmark}: ${v.label}: ${value} (collapse when not ${v.comparison} ${v.bound}${unit})`;
}
