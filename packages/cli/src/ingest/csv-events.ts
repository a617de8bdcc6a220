/** How a CSV header and its rows become CloudEvents: envelope columns, a `data` JSON column, `data.<path>` columns, the number rule. */

/** Envelope attributes a row must give (specversion may be left out: it is then '1.0'). */
export const REQUIRED_COLUMNS = ['id', 'source', 'type', 'subject', 'time'] as const;
const OPTIONAL_COLUMNS = ['specversion', 'datacontenttype'] as const;
const ENVELOPE = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
const DATA_PREFIX = 'data.';

/** A JSON number as people write one: no leading zeros, no thousands separators, no `+`. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;

/** What the columns of a header mean. */
export interface CsvLayout {
  width: number;
  /** Column index of each envelope attribute that is there. */
  envelope: [name: string, index: number][];
  /** Column index of the `data` JSON column, if there is one. */
  data?: number;
  /** `data.a.b` columns: index and path (['a', 'b']). */
  fields: [index: number, path: string[]][];
}

/** How rows become events, for `consumo ingest --help` (indented to sit under its "Formats:" heading). */
export const CSV_HELP = `CSV (.csv): a header row, then one event per row. Columns: id, source, type, subject, time
    (required), specversion (else 1.0), datacontenttype, and the data: a "data" column holding a
    JSON object and/or "data.<name>" columns ("data.level.cores" nests; they win over "data").
    Numbers: a "data.<name>" cell that is a plain decimal number (42, -1.5, 2e3; no leading zeros,
    no thousands separators, integers up to 2^53) becomes a JSON number; any other text stays a
    string; an empty cell leaves the field out. Envelope cells are always strings.`;

/** The value of a `data.<name>` cell: a number when it reads as one exactly (see CSV_HELP), else the text. */
export function cellValue(text: string): string | number {
  if (!NUMBER.test(text)) return text;
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  if (INTEGER.test(text) && !Number.isSafeInteger(n)) return text;
  return n;
}

/** Reads the header row; a string says what is wrong with it. */
export function csvLayout(header: readonly string[]): CsvLayout | string {
  const names = header.map((h) => h.trim());
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) return `column(s) named twice: ${[...new Set(twice)].join(', ')}`;
  const unknown = names.filter((n) => !ENVELOPE.has(n) && n !== 'data' && !n.startsWith(DATA_PREFIX));
  if (unknown.length) {
    return `unknown column(s) ${unknown.join(', ')}; columns: ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(', ')}, data, data.<name>`;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return `missing column(s) ${missing.join(', ')}`;
  const layout: CsvLayout = { width: names.length, envelope: [], fields: [] };
  names.forEach((name, index) => {
    if (ENVELOPE.has(name)) layout.envelope.push([name, index]);
    else if (name === 'data') layout.data = index;
    else layout.fields.push([index, name.slice(DATA_PREFIX.length).split('.')]);
  });
  const bad = layout.fields.filter(([, path]) => path.some((p) => p === ''));
  if (bad.length) return `column(s) ${bad.map(([i]) => names[i]).join(', ')}: a data.<name> column needs a name between each dot`;
  const joined = layout.fields.map(([, path]) => path.join('.'));
  const nested = joined.filter((p) => joined.some((q) => q.startsWith(`${p}.`)));
  if (nested.length) return `column(s) ${nested.map((p) => DATA_PREFIX + p).join(', ')} would be both a value and an object`;
  return layout;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    at = at[key] = isObject(next) ? next : {};
  }
  at[path.at(-1)!] = value;
}

/** One row as a CloudEvent, or a string saying why it cannot be built. */
export function csvEvent(layout: CsvLayout, row: readonly string[]): Record<string, unknown> | string {
  if (row.length !== layout.width) return `${row.length} field(s), but the header names ${layout.width}`;
  const event: Record<string, unknown> = { specversion: '1.0' };
  for (const [name, index] of layout.envelope) {
    const value = row[index]!;
    if (name === 'datacontenttype' && value === '') continue;
    // Other empty cells are sent as they are: the server names them in its answer.
    event[name] = value;
  }
  let data: Record<string, unknown> = {};
  if (layout.data !== undefined && row[layout.data] !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row[layout.data]!);
    } catch (err) {
      return `data: not JSON (${(err as Error).message})`;
    }
    if (!isObject(parsed)) return 'data: must be a JSON object';
    data = parsed;
  }
  for (const [index, path] of layout.fields) {
    const text = row[index]!;
    if (text !== '') setPath(data, path, cellValue(text));
  }
  event.data = data;
  return event;
}
