/**
 * The bad values the corpus puts into every parameter and body field (issue 15, point 8). A value
 * is raw text: JSON bodies splice it in as written (so `1e999999`, a lone `\ud800` escape or
 * 100,000 levels of nesting reach the server's parser as a client would send them); path and
 * query parameters percent-encode it byte by byte (so invalid UTF-8 goes out as invalid UTF-8).
 */

export interface BadValue {
  /** What the value is, for a failure's description. */
  name: string;
  /** As raw JSON text. */
  json: string;
  /** As the bytes of a URL component, already percent-encoded. */
  url: string;
}

const pct = (bytes: Buffer) => [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const urlOf = (text: string) => encodeURIComponent(text);

function nested(depth: number, leaf = '1'): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

function nestedObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Values that go anywhere: every type a field may not be, and every kind of hostile text and number. */
export const BAD_VALUES: readonly BadValue[] = [
  { name: 'null', json: 'null', url: 'null' },
  { name: 'true', json: 'true', url: 'true' },
  { name: 'zero', json: '0', url: '0' },
  { name: 'negative', json: '-1', url: '-1' },
  { name: 'fraction', json: '0.5', url: '0.5' },
  { name: 'empty string', json: '""', url: '' },
  { name: 'blank string', json: '"   "', url: '%20%20%20' },
  { name: 'empty array', json: '[]', url: '%5B%5D' },
  { name: 'empty object', json: '{}', url: '%7B%7D' },
  { name: 'array of strings', json: '["a","b"]', url: 'a,b' },
  { name: 'NUL byte', json: '"\\u0000"', url: '%00' },
  { name: 'NUL inside text', json: '"a\\u0000b"', url: 'a%00b' },
  { name: 'lone high surrogate', json: '"\\ud800"', url: pct(Buffer.from([0xed, 0xa0, 0x80])) },
  { name: 'lone low surrogate inside text', json: '"x\\udfffy"', url: `x${pct(Buffer.from([0xed, 0xbf, 0xbf]))}y` },
  { name: 'invalid UTF-8', json: '"\\u00ff\\ufffe"', url: pct(Buffer.from([0xc3, 0x28, 0xff])) },
  { name: 'malformed percent-encoding', json: '"%E0%A4%A"', url: '%E0%A4%A' },
  { name: 'emoji', json: '"💥🚀"', url: urlOf('💥🚀') },
  { name: 'right-to-left override', json: '"\\u202egnp.exe"', url: urlOf('\u202egnp.exe') },
  { name: 'overlong string (10,000)', json: JSON.stringify('x'.repeat(10_000)), url: 'x'.repeat(10_000) },
  { name: 'overlong string (300,000)', json: JSON.stringify('y'.repeat(300_000)), url: 'y'.repeat(3000) },
  { name: 'number overflowing numeric (1e999999)', json: '1e999999', url: '1e999999' },
  { name: 'number 1e131072', json: '1e131072', url: '1e131072' },
  { name: 'number underflowing (1e-16384)', json: '1e-16384', url: '1e-16384' },
  { name: 'number -1e308', json: '-1e308', url: '-1e308' },
  { name: 'number 1e308', json: '1e308', url: '1e308' },
  { name: 'unsafe integer', json: '9007199254740993', url: '9007199254740993' },
  { name: 'decimal string with 40 digits', json: '"1234567890123456789012345678901234567890.5"', url: '1234567890123456789012345678901234567890.5' },
  { name: 'date 0000-01-01', json: '"0000-01-01"', url: '0000-01-01' },
  { name: 'date 0001-01-01', json: '"0001-01-01T00:00:00Z"', url: '0001-01-01T00:00:00Z' },
  { name: 'date 2025-02-30', json: '"2025-02-30"', url: '2025-02-30' },
  { name: 'date 99999-01-01', json: '"99999-01-01T00:00:00Z"', url: '99999-01-01T00:00:00Z' },
  { name: 'SQL text', json: `"' OR 1=1; drop table workspaces; --"`, url: urlOf("' OR 1=1; drop table workspaces; --") },
  { name: 'filter-language text', json: `"name eq 'x' or (((("`, url: urlOf("name eq 'x' or ((((") },
  { name: 'path traversal', json: '"../../etc/passwd"', url: '..%2F..%2Fetc%2Fpasswd' },
  { name: 'CRLF injection', json: '"a\\r\\nSet-Cookie: x=1"', url: 'a%0D%0ASet-Cookie:%20x=1' },
  { name: 'nested 64 levels', json: nested(64), url: '%5B'.repeat(64) },
  { name: 'nested 5,000 levels', json: nested(5000), url: '%5B'.repeat(100) },
  { name: 'nested object 5,000 levels', json: nestedObject(5000), url: '%7B'.repeat(100) },
  { name: 'nested 100,000 levels', json: nested(100_000), url: '%5B'.repeat(100) },
  { name: 'UUID of nothing', json: '"00000000-0000-0000-0000-000000000000"', url: '00000000-0000-0000-0000-000000000000' },
  { name: 'hex id of nothing', json: `"${'f'.repeat(32)}"`, url: 'f'.repeat(32) },
];

/** Whole JSON bodies that are wrong as a whole, whatever the route. */
export const BAD_BODIES: readonly { name: string; text: string }[] = [
  { name: 'malformed JSON', text: '{"a":' },
  { name: 'trailing garbage', text: '{} x' },
  { name: 'JSON with a BOM', text: '\ufeff{}' },
  { name: 'empty body', text: '' },
  { name: 'a string', text: '"text"' },
  { name: 'a number', text: '42' },
  { name: 'null', text: 'null' },
  { name: 'an array', text: '[]' },
  { name: 'duplicate keys', text: '{"name":"a","name":"b","id":"1","id":"2"}' },
  { name: '__proto__ key', text: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' },
  { name: 'NUL key', text: '{"\\u0000":1}' },
  { name: 'nested 100,000 levels', text: nested(100_000) },
  { name: 'nested objects 20,000 levels', text: nestedObject(20_000) },
  { name: 'huge number', text: '1e999999' },
];
