/**
 * Editing a subscription's tags: the rows on screen, checked by the API's own rules (keys 1–128 and
 * values 0–256 characters of letters, digits, spaces and `_ . : = + - @`, at most 50, keys compared
 * without case), and turned into the JSON merge patch PATCH /subscriptions/v1/subscriptions takes:
 * a changed or new key with its value, a removed key as null.
 */

export interface TagRow {
  key: string;
  value: string;
}

export type TagPatch = Record<string, string | null>;

export const MAX_TAGS = 50;
const ALLOWED = /^[\p{L}\p{N} _.:=+\-@]*$/u;
const ALLOWED_TEXT = 'letters, digits, spaces and _ . : = + - @';

/** A subscription's tags as rows, by key. */
export function tagRows(tags: Readonly<Record<string, string>> | undefined): TagRow[] {
  return Object.entries(tags ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
}

const blank = (row: TagRow) => row.key.trim() === '' && row.value === '';

/** The rows that count: a row left blank (a new one never filled in) is ignored. */
export function filledRows(rows: readonly TagRow[]): TagRow[] {
  return rows.filter((row) => !blank(row)).map((row) => ({ key: row.key.trim(), value: row.value }));
}

/** Each row's problem (undefined: none), in the rows' order; `overall` for what is about all of them. */
export function tagProblems(original: Readonly<Record<string, string>>, rows: readonly TagRow[]): { rows: (string | undefined)[]; overall?: string } {
  const seen = new Map<string, string>();
  const originalSpelling = new Map(Object.keys(original).map((k) => [k.toLowerCase(), k]));
  const kept = new Set(filledRows(rows).map((r) => r.key));
  const problems = rows.map((row): string | undefined => {
    if (blank(row)) return undefined;
    const key = row.key.trim();
    if (key.length < 1) return 'A tag needs a key.';
    if (key.length > 128) return 'A tag key must be 1 to 128 characters long.';
    if (!ALLOWED.test(key)) return `A tag key may hold only ${ALLOWED_TEXT}.`;
    if (row.value.length > 256) return 'A tag value must be at most 256 characters long.';
    if (!ALLOWED.test(row.value)) return `A tag value may hold only ${ALLOWED_TEXT}.`;
    const folded = key.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) return `Tag keys compare without case: '${key}' repeats '${earlier}'.`;
    seen.set(folded, key);
    const existing = originalSpelling.get(folded);
    // Removing 'Location' and adding 'location' in one patch is refused by the API: two saves.
    if (existing !== undefined && existing !== key && !kept.has(existing))
      return `Tag keys compare without case: to respell '${existing}', remove it and save, then add '${key}'.`;
    return undefined;
  });
  const count = kept.size;
  return { rows: problems, ...(count > MAX_TAGS && { overall: `At most ${MAX_TAGS} tags; there are ${count}.` }) };
}

export function hasProblems(problems: ReturnType<typeof tagProblems>): boolean {
  return problems.overall !== undefined || problems.rows.some((p) => p !== undefined);
}

/** The merge patch from the subscription's tags to the rows: removed keys null, new or changed keys their value; {} when nothing changed. */
export function tagPatch(original: Readonly<Record<string, string>>, rows: readonly TagRow[]): TagPatch {
  const next = filledRows(rows);
  const patch: TagPatch = {};
  const wanted = new Map(next.map((r) => [r.key, r.value]));
  for (const key of Object.keys(original)) if (!wanted.has(key)) patch[key] = null;
  for (const { key, value } of next) if (!Object.hasOwn(original, key) || original[key] !== value) patch[key] = value;
  return patch;
}
