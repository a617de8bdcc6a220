/** The `select` parameter: a comma list (or repeated parameter) of the fields each item should carry. */
import { queryIssue } from '../errors/index.js';
import { type ListParameter, commaList } from './list-parameter.js';

export function parseSelect(value: ListParameter | undefined, fields: readonly string[], parameter = 'select'): string[] | undefined {
  const text = commaList(value);
  if (text === undefined) return undefined;
  const selected = text.split(',').map((f) => f.trim());
  if (selected.some((f) => f === '')) throw queryIssue(parameter, 'Must be a comma-separated list of field names.');
  for (const field of selected) {
    if (!fields.includes(field)) {
      throw queryIssue(parameter, `Unknown field '${field}'; selectable fields: ${fields.join(', ')}.`);
    }
  }
  return [...new Set(selected)];
}

/**
 * Keeps only the selected properties, in the DTO's own order. Typed as the full DTO, as the
 * vendors' schemas type it: `select` is the caller's explicit request to receive fewer fields.
 */
export function project<T extends object>(item: T, selected: readonly string[] | undefined): T {
  if (!selected) return item;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (selected.includes(key)) out[key] = value;
  return out as T;
}
