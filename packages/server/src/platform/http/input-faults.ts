/**
 * What no request may carry into Consumo (ADR 0022): text PostgreSQL cannot store (the NUL
 * character, U+0000), text that is not Unicode (a lone UTF-16 surrogate, which JSON's `\uD800`
 * escape can spell and which would otherwise be stored as U+FFFD, making two different values one),
 * and nesting deeper than any legitimate payload (a 100,000-level body overflows every recursive
 * reader after the parser). Found by one iterative walk, so no depth can overflow the walk itself.
 */

/** Deepest nesting of a JSON body (the body itself is level 1); CloudEvent `data` is the deepest legitimate payload. */
export const MAX_BODY_DEPTH = 64;

export type InputFaultKind = 'nul' | 'surrogate' | 'depth';

export interface InputFault {
  kind: InputFaultKind;
  /** Where: the keys and indexes from the walked value down to the fault. */
  path: (string | number)[];
}

// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/** Why a string cannot be accepted, if it cannot. */
export function textFault(text: string): 'nul' | 'surrogate' | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'nul';
  return (text as string & { isWellFormed(): boolean }).isWellFormed() ? undefined : 'surrogate';
}

interface Frame {
  value: unknown;
  key: string | number | undefined;
  parent: Frame | undefined;
  depth: number;
}

function pathOf(frame: Frame, last?: string): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.unshift(f.key);
  return path;
}

/** The first fault in a parsed value (strings, keys, nesting), depth-first; undefined when it is clean. */
export function findInputFault(value: unknown, maxDepth = MAX_BODY_DEPTH): InputFault | undefined {
  // The common, clean case costs one pass without paths; only a faulty value is walked again to name the field.
  return hasInputFault(value, maxDepth) ? locateInputFault(value, maxDepth) : undefined;
}

/**
 * Whether a value may hold a fault: one pass without paths or allocations per value. A string that
 * merely looks suspect (an emoji's surrogate pair) makes it answer true; the second walk decides.
 */
function hasInputFault(root: unknown, maxDepth: number): boolean {
  if (typeof root === 'string') return SUSPECT.test(root);
  if (root === null || typeof root !== 'object') return false;
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return true;
    if (Array.isArray(v)) {
      for (const item of v as unknown[]) {
        if (typeof item === 'string') {
          if (SUSPECT.test(item)) return true;
        } else if (item !== null && typeof item === 'object') {
          values.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in v) {
      if (SUSPECT.test(key)) return true;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === 'string') {
        if (SUSPECT.test(item)) return true;
      } else if (item !== null && typeof item === 'object') {
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

function locateInputFault(value: unknown, maxDepth: number): InputFault | undefined {
  const stack: Frame[] = [{ value, key: undefined, parent: undefined, depth: 1 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const v = frame.value;
    if (typeof v === 'string') {
      const kind = textFault(v);
      if (kind) return { kind, path: pathOf(frame) };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (frame.depth > maxDepth) return { kind: 'depth', path: pathOf(frame) };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: frame, depth: frame.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const kind = textFault(key);
      if (kind) return { kind, path: pathOf(frame, key) };
      stack.push({ value: (v as Record<string, unknown>)[key], key, parent: frame, depth: frame.depth + 1 });
    }
  }
  return undefined;
}

/** A path as the field names of the 400s write it (`data.items[3].name`), with unprintable characters spelled out. */
export function fieldName(path: (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return spellOut(out);
}

/** `\u0000` and lone surrogates written as escapes, so that the error naming them is itself valid text. */
export function spellOut(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is spelled out
  return text.replace(/[\u0000-\u001F\uD800-\uDFFF]/g, (c, offset: number, all: string) => {
    const code = c.charCodeAt(0);
    // A well-formed pair stays as it is.
    if (code >= 0xd800 && code <= 0xdbff && /[\uDC00-\uDFFF]/.test(all[offset + 1] ?? '')) return c;
    if (code >= 0xdc00 && code <= 0xdfff && /[\uD800-\uDBFF]/.test(all[offset - 1] ?? '')) return c;
    return `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
  });
}

export const FAULT_DESCRIPTIONS: Record<InputFaultKind, string> = {
  nul: 'Holds the NUL character (U+0000), which no text can hold; remove it.',
  surrogate: 'Is not valid Unicode: it holds a lone UTF-16 surrogate (an unpaired \\uD800–\\uDFFF escape).',
  depth: `Nests deeper than ${MAX_BODY_DEPTH} levels, the most a body may.`,
};
