/** The cell model every reader produces (a string, or null for no value) and the placeholders that stand for a null. */
// The cell model every reader produces: a string, or null for no value. CSV gives an empty field as
// null; Parquet gives its nulls as null and its typed values as text (see arrow-cells.ts).
export type Cell = string | null;

/** Text that stands for a null instead of being one: `NULL`, `null` (any case). */
const LITERAL_NULL = /^null$/i;

/** Why a cell's text is a placeholder for "no value" rather than a value, or null when it is not. */
export function placeholderNull(text: string): string | null {
  if (LITERAL_NULL.test(text)) return `the text '${text}' stands for a null: use an empty cell (CSV) or a real null (Parquet)`;
  // CSV cannot tell an empty string from a null (readers give it as null), Parquet can.
  if (text === '') return 'an empty string stands for no value: use a real null';
  return null;
}
