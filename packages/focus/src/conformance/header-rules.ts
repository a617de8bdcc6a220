/** The header checks (row 0) and the layout through which the row checks read cells. */
// The header's checks (row 0): every Mandatory column present, no unknown column without the `x_`
// prefix, no column twice; and the layout the row checks read cells through.
import { type CellCheck, type Report, cellCheckOf } from './cell-rules.js';
import { type FocusVersionRules, FOCUS_VERSIONS, rulesOf } from './focus-versions.js';

export interface RowLayout {
  width: number;
  /** FOCUS column → its position (the first, when a column appears twice). */
  index: ReadonlyMap<string, number>;
  /** Per position, the check of its cells; null for custom, unknown and repeated columns. */
  checks: readonly (CellCheck | null)[];
}

function unknownColumnMessage(name: string, rules: FocusVersionRules): string {
  const base = `'${name}' is not a FOCUS ${rules.version} column`;
  const sameButCase = rules.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (sameButCase) return `${base}: column names are case-sensitive, did you mean '${sameButCase.name}'?`;
  const other = FOCUS_VERSIONS.find((v) => v !== rules.version && rulesOf(v).byName.has(name));
  if (other) return `${base} (it is one of FOCUS ${other}): custom columns start with 'x_'`;
  return `${base}: custom columns start with 'x_' (e.g. 'x_${name}')`;
}

export function checkHeader(names: readonly string[], rules: FocusVersionRules, report: Report): RowLayout {
  const index = new Map<string, number>();
  const seen = new Set<string>();
  const checks: (CellCheck | null)[] = [];
  names.forEach((name, position) => {
    if (seen.has(name)) {
      report(name, 'duplicate-column', `the column '${name}' appears more than once (position ${position + 1})`);
      checks.push(null);
      return;
    }
    seen.add(name);
    const column = rules.byName.get(name);
    if (column) {
      index.set(name, position);
      checks.push(cellCheckOf(column, rules));
      return;
    }
    if (!name.startsWith('x_')) report(name === '' ? '*' : name, 'unknown-column', name === '' ? `column ${position + 1} has no name` : unknownColumnMessage(name, rules));
    checks.push(null);
  });
  for (const column of rules.columns) {
    if (column.level === 'Mandatory' && !index.has(column.name)) {
      report(column.name, 'column-presence', `the Mandatory column ${column.name} is missing`);
    }
  }
  return { width: names.length, index, checks };
}
