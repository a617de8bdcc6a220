/** Declaring applicability criteria: Consumo's default, all, none, a list, a file; unknown criteria refused. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplicabilityError, CONSUMO_APPLICABILITY, resolveApplicability } from '../../src/requirements-model/applicability-profile.js';
import { bundledModel } from '../../src/requirements-model/model-loader.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'consumo-applicability-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const m12 = bundledModel('1.2');
const m13 = bundledModel('1.3');

describe('resolveApplicability', () => {
  it("defaults to what Consumo's exports support, as far as the model defines it", () => {
    expect([...resolveApplicability(undefined, m13)].sort()).toEqual([...CONSUMO_APPLICABILITY].sort());
    expect(resolveApplicability('consumo', m12).has('CONTRACT_COMMITMENT_SUPPORTED')).toBe(false); // a 1.3 notion
    expect(resolveApplicability('consumo', m12).has('COMMITMENT_DISCOUNT_SUPPORTED')).toBe(true);
    expect(resolveApplicability('consumo', m12).has('CAPACITY_RESERVATION_SUPPORTED')).toBe(false);
  });

  it('all, none and a comma-separated list', () => {
    expect(resolveApplicability('all', m12).size).toBe(19);
    expect(resolveApplicability('all', m13).size).toBe(20);
    expect(resolveApplicability('none', m12).size).toBe(0);
    expect([...resolveApplicability('REGION_SUPPORTED, TAGGING_SUPPORTED', m12)]).toEqual(['REGION_SUPPORTED', 'TAGGING_SUPPORTED']);
    expect([...resolveApplicability(['REGION_SUPPORTED'], m12)]).toEqual(['REGION_SUPPORTED']);
  });

  it('a file: a JSON array, {"ApplicabilityCriteria": [...]} or one criterion per line with # comments', () => {
    const json = path.join(tmp, 'a.json');
    writeFileSync(json, '["REGION_SUPPORTED"]');
    const wrapped = path.join(tmp, 'b.json');
    writeFileSync(wrapped, '{"ApplicabilityCriteria": ["TAGGING_SUPPORTED", "REGION_SUPPORTED"]}');
    const lines = path.join(tmp, 'c.txt');
    writeFileSync(lines, '# our capabilities\nREGION_SUPPORTED\n\nSUB_ACCOUNT_SUPPORTED  # projects\n');
    expect([...resolveApplicability(json, m12)]).toEqual(['REGION_SUPPORTED']);
    expect([...resolveApplicability(wrapped, m12)]).toEqual(['TAGGING_SUPPORTED', 'REGION_SUPPORTED']);
    expect([...resolveApplicability(lines, m12)]).toEqual(['REGION_SUPPORTED', 'SUB_ACCOUNT_SUPPORTED']);
  });

  it('refuses criteria the model does not define (a typo would silently skip rules)', () => {
    expect(() => resolveApplicability('REGION_SUPORTED', m12)).toThrow(ApplicabilityError);
    expect(() => resolveApplicability('REGION_SUPORTED', m12)).toThrow(/unknown applicability criteria REGION_SUPORTED; the model 1.2-consumo.1 defines ACCOUNT_NAMING_SUPPORTED/);
    expect(() => resolveApplicability('CONTRACT_COMMITMENT_SUPPORTED', m12)).toThrow(ApplicabilityError);
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, '{"ApplicabilityCriteria": 3}');
    expect(() => resolveApplicability(bad, m12)).toThrow(/give a JSON array/);
  });
});
