/** The JSONPath subset of a meter's `valueProperty` (ADR 0012): `$` then `.name`, `['name']` or `[index]`, one or more. */
// Compiled once per meter, run once per event.

/** A path outside the subset, or malformed; `message` says what and where, for a 400 to quote. */
export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

type Segment = { kind: 'name'; name: string } | { kind: 'index'; index: number };

/** Long enough for any real event schema, short enough that a path is never a payload of its own. */
export const MAX_JSON_PATH_LENGTH = 256;

// Dot names are identifiers; anything else (spaces, dots, quotes) needs the bracket form.
const DOT_NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const INDEX = /(0|[1-9][0-9]{0,8})\]/y;

function fail(path: string, position: number, reason: string): never {
  throw new JsonPathError(`Unsupported JSONPath '${path}' at position ${position}: ${reason}.`);
}

/** Reads a quoted name starting at the quote; returns the name and the position after the closing quote. */
function quoted(path: string, start: number): [string, number] {
  const quote = path[start];
  let name = '';
  let i = start + 1;
  while (i < path.length) {
    const c = path[i]!;
    if (c === quote) return [name, i + 1];
    if (c === '\\') {
      const next = path[i + 1];
      if (next !== quote && next !== '\\') fail(path, i, `only \\${quote} and \\\\ may be escaped`);
      name += next;
      i += 2;
      continue;
    }
    name += c;
    i += 1;
  }
  return fail(path, start, 'unterminated quoted name');
}

function parse(path: string): Segment[] {
  if (path.length > MAX_JSON_PATH_LENGTH) fail(path, MAX_JSON_PATH_LENGTH, `longer than ${MAX_JSON_PATH_LENGTH} characters`);
  if (path[0] !== '$') fail(path, 0, "a path starts with '$'");
  const segments: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (path[i + 1] === '.') fail(path, i, "recursive descent '..' is not supported");
      DOT_NAME.lastIndex = i + 1;
      const m = DOT_NAME.exec(path);
      if (!m) fail(path, i + 1, path[i + 1] === '*' ? "wildcards are not supported" : "expected a name after '.' (use ['…'] for other characters)");
      segments.push({ kind: 'name', name: m[0] });
      i = DOT_NAME.lastIndex;
    } else if (c === '[') {
      const next = path[i + 1];
      if (next === "'" || next === '"') {
        const [name, after] = quoted(path, i + 1);
        if (path[after] !== ']') fail(path, after, "expected ']' after the quoted name");
        segments.push({ kind: 'name', name });
        i = after + 1;
      } else {
        INDEX.lastIndex = i + 1;
        const m = INDEX.exec(path);
        if (!m) fail(path, i + 1, 'expected a quoted name or a non-negative array index (no wildcards, slices, filters or unions)');
        segments.push({ kind: 'index', index: Number(m[1]) });
        i = INDEX.lastIndex;
      }
    } else {
      fail(path, i, "expected '.' or '['");
    }
  }
  if (segments.length === 0) fail(path, 1, "the path must name a value inside '$'");
  return segments;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Compiles `path`, throwing JsonPathError when it is outside the subset. The reader returns
 * undefined where the data has no such value; it reads own properties only, so a path like
 * `$.constructor` or `$.a.length` never reaches a prototype.
 */
export function compileJsonPath(path: string): (data: unknown) => unknown {
  const segments = parse(path);
  return (data) => {
    let current: unknown = data;
    for (const s of segments) {
      if (s.kind === 'name') {
        if (!isPlainObject(current) || !Object.hasOwn(current, s.name)) return undefined;
        current = current[s.name];
      } else {
        if (!Array.isArray(current) || s.index >= current.length) return undefined;
        current = current[s.index];
      }
    }
    return current;
  };
}
