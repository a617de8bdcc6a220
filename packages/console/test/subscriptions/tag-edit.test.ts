import { describe, expect, it } from 'vitest';
import { filledRows, hasProblems, tagPatch, tagProblems, tagRows } from '../../src/subscriptions/tag-edit.js';

const original = { city: 'London', Env: 'prod' };

describe('editing a subscription’s tags', () => {
  it('shows the tags as rows by key', () => {
    expect(tagRows({ b: '2', a: '1' })).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect(tagRows(undefined)).toEqual([]);
  });

  it('sends only what changed: a new or changed key with its value, a removed key as null', () => {
    expect(tagPatch(original, tagRows(original))).toEqual({});
    expect(
      tagPatch(original, [
        { key: 'city', value: 'Paris' },
        { key: 'team', value: 'finops' },
      ]),
    ).toEqual({ Env: null, city: 'Paris', team: 'finops' });
    // An empty value is a value; a row left blank is no tag.
    expect(tagPatch({}, [{ key: 'note', value: '' }, { key: '', value: '' }])).toEqual({ note: '' });
    // A key whose name shadows an Object property is still a key.
    expect(tagPatch({}, [{ key: 'constructor', value: 'x' }])).toEqual({ constructor: 'x' });
  });

  it('trims keys and ignores blank rows', () => {
    expect(filledRows([{ key: ' a ', value: ' v ' }, { key: ' ', value: '' }])).toEqual([{ key: 'a', value: ' v ' }]);
  });

  it('checks each row by the API’s rules before anything is sent', () => {
    const problems = tagProblems({}, [
      { key: 'ok', value: 'fine' },
      { key: '', value: 'orphan' },
      { key: 'bad/key', value: 'x' },
      { key: 'k'.repeat(129), value: 'x' },
      { key: 'v', value: 'no#hash' },
      { key: 'long', value: 'x'.repeat(257) },
      { key: 'OK', value: 'again' },
      { key: '', value: '' },
    ]);
    expect(problems.rows[0]).toBeUndefined();
    expect(problems.rows[1]).toBe('A tag needs a key.');
    expect(problems.rows[2]).toMatch(/may hold only/);
    expect(problems.rows[3]).toMatch(/1 to 128/);
    expect(problems.rows[4]).toMatch(/value may hold only/);
    expect(problems.rows[5]).toMatch(/at most 256/);
    expect(problems.rows[6]).toBe("Tag keys compare without case: 'OK' repeats 'ok'.");
    expect(problems.rows[7]).toBeUndefined();
    expect(hasProblems(problems)).toBe(true);
    expect(hasProblems(tagProblems(original, tagRows(original)))).toBe(false);
    expect(tagProblems({}, [{ key: 'Ünïcødé 1.2', value: 'a_b.c:d=e+f@g-h' }]).rows).toEqual([undefined]);
  });

  it('asks for two saves to respell a key, as the API cannot take both in one patch', () => {
    const problems = tagProblems(original, [
      { key: 'city', value: 'London' },
      { key: 'env', value: 'prod' },
    ]);
    expect(problems.rows[1]).toBe("Tag keys compare without case: to respell 'Env', remove it and save, then add 'env'.");
  });

  it('allows at most 50 tags', () => {
    const rows = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(tagProblems({}, rows).overall).toBe('At most 50 tags; there are 51.');
    expect(tagProblems({}, rows.slice(0, 50)).overall).toBeUndefined();
  });
});
