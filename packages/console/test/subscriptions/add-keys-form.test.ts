import { describe, expect, it } from 'vitest';
import { MAX_KEYS_PER_ADD, addBody, parseKeys } from '../../src/subscriptions/add-keys-form.js';

describe('the keys of "Add subscription keys"', () => {
  it('reads keys one a line, or separated by commas or spaces, each once', () => {
    expect(parseKeys('AAA-1\nBBB-2, CCC-3  DDD-4\n\nAAA-1\n')).toEqual({ keys: ['AAA-1', 'BBB-2', 'CCC-3', 'DDD-4'], problems: [] });
  });

  it('asks for at least one key and at most five', () => {
    expect(parseKeys('  \n ').problems).toEqual(['Enter at least one subscription key.']);
    const six = Array.from({ length: MAX_KEYS_PER_ADD + 1 }, (_, i) => `K${i}`).join('\n');
    expect(parseKeys(six).problems).toEqual(['At most 5 keys at a time; 6 are entered.']);
    expect(parseKeys(Array.from({ length: MAX_KEYS_PER_ADD }, (_, i) => `K${i}`).join('\n')).problems).toEqual([]);
  });

  it('refuses what cannot be a key in the catalog', () => {
    expect(parseKeys('GOOD-1\nbad/key').problems).toEqual(['bad/key is not a subscription key: keys hold letters, digits and _ . : = + @ - only.']);
    expect(parseKeys('x'.repeat(129)).problems).toHaveLength(1);
    expect(parseKeys('a_b.c:d=e+f@g-h').problems).toEqual([]);
  });

  it('builds the POST body', () => {
    expect(addBody(['A', 'B'])).toEqual({ subscriptions: [{ key: 'A' }, { key: 'B' }] });
  });
});
