/**
 * The performance guard's rule (bench/guard): a guarded ratio past its collapse bound fails, and so
 * does a guarded target the benchmark no longer reports. The guard itself runs in .ci/run; this
 * checks that its verdicts can fail at all.
 */
import { describe, expect, it } from 'vitest';
import { guards } from '../../bench/guard/guards.mjs';
import { verdicts, verdictLine, type GuardedTarget } from '../../bench/guard/verdicts.mjs';

const atLeast: GuardedTarget = { label: 'ingest ÷ COPY', match: /^HTTP ingest ÷ COPY/, comparison: '≥', bound: 0.25, why: 'half of 0.5' };
const atMost: GuardedTarget = { label: 'list p99 ÷ SQL p99', match: /^list p99/, comparison: '≤', bound: 3, why: 'twice 1.5' };

describe('performance guard verdicts', () => {
  it('passes a ratio on the right side of its bound, and the bound itself', () => {
    const v = verdicts([atLeast, atMost], {
      targets: [
        { name: 'HTTP ingest ÷ COPY, 20000 events', value: 0.25 },
        { name: 'list p99 as a multiple', value: 2.9, unit: '×' },
      ],
    });
    expect(v.map((x) => x.status)).toEqual(['ok', 'ok']);
    expect(v[1]).toMatchObject({ value: 2.9, unit: '×' });
  });

  it('fails a ratio past its bound, whichever way better points', () => {
    const v = verdicts([atLeast, atMost], {
      targets: [
        { name: 'HTTP ingest ÷ COPY', value: 0.249 },
        { name: 'list p99 as a multiple', value: 3.01 },
      ],
    });
    expect(v.map((x) => x.status)).toEqual(['collapsed', 'collapsed']);
    expect(verdictLine('metering', v[0]!)).toContain('COLLAPSED metering: ingest ÷ COPY: 0.249');
  });

  it('fails a target that is missing, reported twice, or not a number', () => {
    expect(verdicts([atLeast], { targets: [] })[0]).toMatchObject({ status: 'missing', detail: expect.stringContaining('0 reported targets') });
    expect(verdicts([atLeast], undefined)[0]!.status).toBe('missing');
    const twice = [{ name: 'HTTP ingest ÷ COPY a', value: 1 }, { name: 'HTTP ingest ÷ COPY b', value: 1 }];
    expect(verdicts([atLeast], { targets: twice })[0]!.status).toBe('missing');
    expect(verdicts([atLeast], { targets: [{ name: 'HTTP ingest ÷ COPY', value: null }] })[0]!.status).toBe('missing');
    expect(verdicts([atLeast], { targets: [{ name: 'HTTP ingest ÷ COPY', value: Number.NaN }] })[0]!.status).toBe('missing');
  });

  it('guards only ratios, each with its reason and a positive bound', () => {
    const all = guards.flatMap((g) => g.targets.map((t) => ({ benchmark: g.benchmark, ...t })));
    expect(all.length).toBeGreaterThanOrEqual(7);
    for (const t of all) {
      expect(t.why, `${t.benchmark}: ${t.label}`).not.toMatch(/TODO/);
      expect(Number.isFinite(t.bound) && t.bound > 0, `${t.benchmark}: ${t.label}`).toBe(true);
      // A time is not a ratio: the guard never holds ms or seconds to a bound.
      expect(t.label, `${t.benchmark}: ${t.label}`).not.toMatch(/\b(ms|seconds?)\b/);
    }
    // Each guard runs on its own scratch databases, PostgreSQL only.
    for (const g of guards) expect(g.args.join(' '), g.benchmark).toMatch(/--engines postgres|--records|--quick --engines postgres/);
  });
});
