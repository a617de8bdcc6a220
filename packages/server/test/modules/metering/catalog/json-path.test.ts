/** The meter JSONPath subset: what it reads, what it refuses, and that it never reaches a prototype. */
import { describe, expect, it } from 'vitest';
import { JsonPathError, MAX_JSON_PATH_LENGTH, compileJsonPath } from '../../../../src/modules/metering/catalog/json-path.js';

const data = {
  cpu: { hours: 1.5, 'per core': [2, 3] },
  'gb hours': '11.7708984375',
  list: [{ v: 7 }, { v: 8 }],
  "it's": { 'back\\slash': 1 },
  zero: 0,
  nil: null,
};

describe('compileJsonPath', () => {
  it.each([
    ['$.cpu.hours', 1.5],
    ["$['gb hours']", '11.7708984375'],
    ['$["gb hours"]', '11.7708984375'],
    ["$.cpu['per core'][1]", 3],
    ['$.list[0].v', 7],
    ['$.list[1]', { v: 8 }],
    ["$['it\\'s']['back\\\\slash']", 1],
    ['$.zero', 0],
    ['$.nil', null],
    ['$.cpu', { hours: 1.5, 'per core': [2, 3] }],
    ['$.snake_case-and-dash', undefined],
  ])('reads %s', (path, expected) => {
    expect(compileJsonPath(path)(data)).toEqual(expected);
  });

  it.each([
    ['a missing name', '$.nope.deeper'],
    ['an index past the end', '$.list[5]'],
    ['a name on an array', '$.list.v'],
    ['an index on an object', '$.cpu[0]'],
    ['a name on a number', '$.zero.x'],
    ['a prototype property', '$.constructor'],
    ['an array length', '$.list.length'],
    ['__proto__', '$.__proto__'],
  ])('gives undefined for %s', (_what, path) => {
    expect(compileJsonPath(path)(data)).toBeUndefined();
  });

  it('gives undefined when the data is not an object', () => {
    const read = compileJsonPath('$.a');
    expect(read(undefined)).toBeUndefined();
    expect(read('text')).toBeUndefined();
    expect(read(null)).toBeUndefined();
  });

  it.each([
    ['', "starts with '$'"],
    ['cpu.hours', "starts with '$'"],
    ['$', "must name a value inside '$'"],
    ['$.', 'expected a name'],
    ['$..hours', 'recursive descent'],
    ['$.*', 'wildcards'],
    ['$[*]', 'non-negative array index'],
    ['$.a[-1]', 'non-negative array index'],
    ['$.a[01]', 'non-negative array index'],
    ['$.a[0:2]', 'non-negative array index'],
    ['$.a[?(@.v > 1)]', 'non-negative array index'],
    ["$['a','b']", "expected ']'"],
    ["$['a'", "expected ']'"],
    ["$['a", 'unterminated'],
    ["$['a\\n']", 'may be escaped'],
    ['$.a b', "expected '.' or '['"],
    ['$.1a', 'expected a name'],
    ['$a', "expected '.' or '['"],
    [`$.${'a'.repeat(MAX_JSON_PATH_LENGTH)}`, 'longer than'],
  ])('refuses %j (%s)', (path, reason) => {
    expect(() => compileJsonPath(path)).toThrow(JsonPathError);
    expect(() => compileJsonPath(path)).toThrow(reason);
  });

  it('names the path and the position in its message', () => {
    expect(() => compileJsonPath('$.a..b')).toThrow("Unsupported JSONPath '$.a..b' at position 3: recursive descent '..' is not supported.");
  });
});
