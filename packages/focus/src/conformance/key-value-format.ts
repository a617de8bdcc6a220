/** FOCUS Key-Value Format (Tags, SkuPriceDetails): a flat JSON object with unique keys. */
// FOCUS Key-Value Format (Tags, SkuPriceDetails): a serialized JSON object with unique keys whose
// values are strings, numbers, booleans or null — no nested objects or arrays.

export type KeyValueObject = Record<string, string | number | boolean | null>;

export type KeyValueResult = { ok: true; value: KeyValueObject } | { ok: false; problem: string };

/**
 * The first key that appears twice in valid JSON text of a flat object (JSON.parse keeps the last
 * silently). In a flat object a string is a key exactly when `{` or `,` comes before it.
 */
function duplicateKey(text: string): string | null {
  const seen = new Set<string>();
  let previous = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (previous === '{' || previous === ',') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (seen.has(key)) return key;
        seen.add(key);
      }
      previous = '"';
      i = end;
    } else if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') {
      previous = ch;
    }
  }
  return null;
}

/** Parses a non-null cell as a FOCUS key-value object, or says why it is not one. */
export function parseKeyValue(text: string): KeyValueResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `not valid JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: `must be a JSON object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}` };
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'object' && v !== null) {
      return { ok: false, problem: `the value of '${key}' is ${Array.isArray(v) ? 'an array' : 'an object'}: values are strings, numbers, booleans or null` };
    }
  }
  // Only flat objects get here, so the key scan cannot be fooled by a nested object's keys.
  const duplicate = duplicateKey(text);
  if (duplicate !== null) return { ok: false, problem: `the key '${duplicate}' appears twice: keys are unique` };
  return { ok: true, value: value as KeyValueObject };
}
