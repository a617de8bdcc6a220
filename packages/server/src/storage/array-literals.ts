/** PostgreSQL array literals for array parameters (`unnest($1::text[])`): both engines take them as they are. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** An escape JSON.stringify writes that an array literal reads otherwise (backslash-n, backslash-u…); backslash-quote and two backslashes read the same in both. */
export const OTHER_JSON_ESCAPE = /\\[^"\\]/;

/**
 * An array literal of texts (days included): one JSON.stringify when that writes the literal
 * exactly — it quotes each string as the literal does — else quoted value by value (ADR 0031).
 */
export function textArray(values: readonly string[]): string {
  const json = JSON.stringify(values);
  return OTHER_JSON_ESCAPE.test(json) ? `{${values.map(quoted).join(',')}}` : `{${json.slice(1, -1)}}`;
}

/** An array literal of integers. */
export const intArray = (values: readonly number[]) => `{${values.join(',')}}`;
