import { describe, expect, it } from 'vitest';
import { Permutation, Prng } from '../../src/demo/index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Prng', () => {
  it('repeats its sequence for the same seed and diverges for another', () => {
    const draw = (seed: string) => {
      const p = new Prng(seed);
      return Array.from({ length: 50 }, () => p.next32());
    };
    expect(draw('consumo-demo')).toEqual(draw('consumo-demo'));
    expect(draw('consumo-demo')).not.toEqual(draw('consumo-demo2'));
  });

  it('is pinned: the first draws of a known seed never change', () => {
    const p = new Prng('consumo-demo');
    const values = [p.next32(), p.next32(), p.next32()];
    expect(values).toMatchInlineSnapshot(`
      [
        3391042729,
        1553089357,
        3838053621,
      ]
    `);
    expect(new Prng('consumo-demo').uuid()).toMatchInlineSnapshot(`"ca1f34a9-5c92-434d-a4c4-0cf5b48d398b"`);
  });

  it('keeps int() inside its inclusive bounds and reaches both ends', () => {
    const p = new Prng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = p.int(-2, 3);
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThanOrEqual(3);
      seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(() => p.int(3, 2)).toThrow(RangeError);
  });

  it('draws uuids of version-4 shape, hex of the asked length, and never picks a zero weight', () => {
    const p = new Prng('shapes');
    for (let i = 0; i < 200; i++) expect(p.uuid()).toMatch(UUID_V4);
    expect(p.hex(13)).toMatch(/^[0-9a-f]{13}$/);
    const picks = new Set(Array.from({ length: 500 }, () => p.weightedPick([['a', 1], ['never', 0], ['b', 3]] as const)));
    expect(picks).toEqual(new Set(['a', 'b']));
    expect(() => p.pick([])).toThrow(RangeError);
    expect(() => p.weightedPick([['x', 0]])).toThrow(RangeError);
  });

  it('derives independent streams by label', () => {
    const root = new Prng('root');
    expect(root.derive('a').next32()).toBe(new Prng('root').derive('a').next32());
    expect(root.derive('a').next32()).not.toBe(root.derive('b').next32());
  });

  it('chance(p) hits about p of the time', () => {
    const p = new Prng('chance');
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (p.chance(0.25)) hits++;
    expect(hits).toBeGreaterThan(2300);
    expect(hits).toBeLessThan(2700);
  });
});

describe('Permutation', () => {
  it('is a bijection on its domain', () => {
    const perm = new Permutation(16, new Prng('perm'));
    const seen = new Set<number>();
    for (let x = 0; x < perm.size; x++) seen.add(perm.apply(x));
    expect(seen.size).toBe(65_536);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(65_535);
  });

  it('scatters consecutive inputs and rejects values outside the domain', () => {
    const perm = new Permutation(46, new Prng('perm'));
    const outputs = [0, 1, 2, 3].map((x) => perm.apply(x));
    expect(new Set(outputs).size).toBe(4);
    expect(Math.abs((outputs[1] as number) - (outputs[0] as number))).toBeGreaterThan(1000);
    expect(() => perm.apply(2 ** 46)).toThrow(RangeError);
    expect(() => new Permutation(15, new Prng('odd'))).toThrow(RangeError);
  });
});
