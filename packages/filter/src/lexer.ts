/** Lexer: filter text → tokens, each with its source offset. */
import { FilterSyntaxError } from './filter-syntax-error.js';
import { isRfc3339Timestamp, timestampShape } from './timestamp.js';

export type TokenKind =
  | 'word'
  | 'string'
  | 'number'
  | 'timestamp'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '/'
  | 'symbol'
  | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  /** The decoded value: a string without its quotes and with `''` unescaped; otherwise the text. */
  readonly value: string;
  readonly position: number;
}

const word = /[A-Za-z_][A-Za-z0-9_]*/y;
const number = /-?\d+(?:\.\d+)?/y;
// Comparison symbols people try instead of eq/ne/gt…; lexed so the parser can name them.
const symbol = /[=!<>]+/y;
const wordChar = /[A-Za-z0-9_.]/;
// In a query string an unencoded '+' decodes to a space, which breaks `…T10:00:00+02:00`.
const plusAsSpace = /\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)? \d{2}:\d{2}/y;
const punctuation = new Set(['(', ')', '[', ']', ',', '/']);

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** How a character is shown in a message: printable ASCII as itself, anything else as U+XXXX. */
export function showChar(text: string, at: number): string {
  const code = text.codePointAt(at) ?? 0;
  if (code >= 0x21 && code <= 0x7e) return `'${String.fromCodePoint(code)}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function readString(text: string, start: number): Token {
  let value = '';
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0) throw new FilterSyntaxError('unterminated string', start);
    value += text.slice(i, quote);
    if (text[quote + 1] !== "'") return { kind: 'string', text: text.slice(start, quote + 1), value, position: start };
    value += "'";
    i = quote + 2;
  }
}

function readNumeric(text: string, start: number): Token {
  const stamp = match(timestampShape, text, start);
  if (stamp !== undefined && /[Tt]/.test(stamp)) {
    if (!isRfc3339Timestamp(stamp)) throw new FilterSyntaxError(`invalid timestamp '${stamp}'`, start);
    if (wordChar.test(text[start + stamp.length] ?? '')) throw new FilterSyntaxError('malformed timestamp', start);
    return { kind: 'timestamp', text: stamp, value: stamp, position: start };
  }
  if (stamp !== undefined && match(plusAsSpace, text, start) !== undefined) {
    throw new FilterSyntaxError("the '+' of a timestamp offset arrived as a space", start, "URL-encode '+' as %2B");
  }
  if (stamp !== undefined) {
    throw new FilterSyntaxError(`incomplete timestamp '${stamp}'`, start, `write a full RFC 3339 date-time such as ${stamp}T00:00:00Z`);
  }
  const digits = match(number, text, start) ?? '';
  if (digits === '' || wordChar.test(text[start + digits.length] ?? '')) {
    throw new FilterSyntaxError('malformed number', start);
  }
  return { kind: 'number', text: digits, value: digits, position: start };
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
      continue;
    }
    let token: Token;
    if (ch === "'") token = readString(text, i);
    else if (isDigit(ch) || (ch === '-' && isDigit(text[i + 1]))) token = readNumeric(text, i);
    else if (punctuation.has(ch)) token = { kind: ch as TokenKind, text: ch, value: ch, position: i };
    else {
      const found = match(word, text, i) ?? match(symbol, text, i);
      if (found === undefined) {
        const hint = ch === '"' ? 'strings take single quotes' : undefined;
        throw new FilterSyntaxError(`unexpected character ${showChar(text, i)}`, i, hint);
      }
      token = { kind: /[=!<>]/.test(ch) ? 'symbol' : 'word', text: found, value: found, position: i };
    }
    tokens.push(token);
    i += token.text.length;
  }
  tokens.push({ kind: 'end', text: '', value: '', position: text.length });
  return tokens;
}
