/** The `sort` parameter: a comma list of `field [asc|desc]` over a per-resource allow-list. */
import { queryIssue } from '../errors/index.js';
import { type ListParameter, commaList } from './list-parameter.js';

export type Direction = 'asc' | 'desc';

export interface SortKey {
  /** The SQL column the public field maps to. */
  column: string;
  direction: Direction;
}

export function parseSort(
  value: ListParameter | undefined,
  columns: Readonly<Record<string, string>>,
  fallback: readonly SortKey[],
  parameter = 'sort',
): SortKey[] {
  const text = commaList(value);
  if (text === undefined) return [...fallback];
  if (text.trim() === '') throw queryIssue(parameter, 'Must name at least one field.');
  const keys: SortKey[] = [];
  for (const part of text.split(',')) {
    const words = part.trim().split(/\s+/);
    const [field, dir, extra] = words;
    if (!field || extra !== undefined) {
      throw queryIssue(parameter, `Each entry must be 'field [asc|desc]', got '${part.trim()}'.`);
    }
    const column = Object.hasOwn(columns, field) ? columns[field] : undefined;
    if (!column) {
      throw queryIssue(parameter, `Cannot sort by '${field}'; sortable fields: ${Object.keys(columns).join(', ')}.`);
    }
    const direction = (dir ?? 'asc').toLowerCase();
    if (direction !== 'asc' && direction !== 'desc') {
      throw queryIssue(parameter, `Direction must be asc or desc, got '${dir}'.`);
    }
    if (keys.some((k) => k.column === column)) throw queryIssue(parameter, `Field '${field}' appears twice.`);
    keys.push({ column, direction });
  }
  return keys;
}
