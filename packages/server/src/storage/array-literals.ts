/** PostgreSQL array literals for array parameters (`unnest($1::text[])`): both engines take them as they are. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** An array literal of texts (days included). */
export const textArray = (values: readonly string[]) => `{${values.map(quoted).join(',')}}`;

/** An array literal of integers. */
export const intArray = (values: readonly number[]) => `{${values.join(',')}}`;
