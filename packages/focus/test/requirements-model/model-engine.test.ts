/** The engine on small models: entry points, composition, conditions, applicability, dependencies and their order, grading, and what it refuses. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/conformance/cells.js';
import { type RuleVerdict, ModelChecker, severityOf } from '../../src/requirements-model/model-engine.js';
import type { CheckNode, ModelRule, RequirementsModel } from '../../src/requirements-model/model-shape.js';

function rule(requirement: CheckNode, more: { keyword?: string; condition?: CheckNode; dependencies?: string[]; applicability?: string[]; type?: string } = {}): ModelRule {
  return {
    Function: 'Validation',
    Reference: 'Test',
    EntityType: 'Column',
    Notes: '',
    Status: 'Active',
    ApplicabilityCriteria: more.applicability ?? [],
    Type: more.type ?? 'Static',
    ValidationCriteria: {
      MustSatisfy: 'test',
      Keyword: more.keyword ?? 'MUST',
      Requirement: requirement,
      Condition: more.condition ?? {},
      Dependencies: more.dependencies ?? [],
    },
  };
}
const ref = (id: string): CheckNode => ({ CheckFunction: 'CheckModelRule', ModelRuleId: id });
const and = (...ids: string[]): CheckNode => ({ CheckFunction: 'AND', Items: ids.map(ref) });
const notNull = (column: string): CheckNode => ({ CheckFunction: 'CheckNotValue', ColumnName: column, Value: null });
const present = (column: string): CheckNode => ({ CheckFunction: 'ColumnPresent', ColumnName: column });

function modelOf(rules: Record<string, ModelRule>, roots: string[] = ['ROOT']): RequirementsModel {
  return {
    Details: { ModelVersion: 'test.1', FOCUSVersion: '1.3' },
    ApplicabilityCriteria: { A_SUPPORTED: { Description: 'a' }, B_SUPPORTED: { Description: 'b' } },
    CheckFunctions: {},
    ModelDatasets: { CostAndUsage: { ModelRules: roots } },
    ModelRules: rules,
  };
}

function run(model: RequirementsModel, header: string[], rows: Cell[][], applicability: string[] = []): Map<string, RuleVerdict> {
  const checker = new ModelChecker(model, { dataset: 'CostAndUsage', applicability: new Set(applicability) });
  checker.header(header);
  for (const r of rows) checker.rowCells(r);
  return new Map(checker.finish().map((v) => [v.id, v]));
}

describe('entry points and composition', () => {
  it('starts at the dataset root and reports every reachable rule by id, nothing unreachable', () => {
    const model = modelOf({ ROOT: rule(and('R1', 'R2')), R1: rule(present('X')), R2: rule(notNull('X')), ORPHAN: rule(notNull('Y')) });
    const verdicts = run(model, ['X'], [['1'], [null], ['3']]);
    expect([...verdicts.keys()]).toEqual(['R1', 'R2', 'ROOT']);
    expect(verdicts.get('R1')).toMatchObject({ status: 'pass', source: 'model test.1' });
    expect(verdicts.get('R2')).toMatchObject({ status: 'fail', checked: 3, failures: 1, firstFailures: [{ row: 2, values: { X: null } }] });
    expect(verdicts.get('ROOT')).toMatchObject({ status: 'fail' });
  });

  it('refuses a dataset the model lacks, a reference to no rule and a cycle', () => {
    expect(() => new ModelChecker(modelOf({ ROOT: rule(present('X')) }), { dataset: 'ContractCommitment', applicability: new Set() })).toThrow(/has no dataset ContractCommitment/);
    expect(() => run(modelOf({ ROOT: rule(and('MISSING')) }), [], [])).toThrow(/refers to the rule MISSING/);
    expect(() => run(modelOf({ ROOT: rule(and('A')), A: rule(present('X'), { dependencies: ['B'] }), B: rule(present('X'), { dependencies: ['A'] }) }), [], [])).toThrow(/cycle/);
  });

  it('OR passes when one branch passes; AND fails when one fails; all-skipped is skipped', () => {
    const model = modelOf({
      ROOT: rule(and('ANY', 'ALL', 'NONE')),
      ANY: rule({ CheckFunction: 'OR', Items: [ref('PX'), ref('PY')] }),
      ALL: rule({ CheckFunction: 'AND', Items: [ref('PX'), ref('PY')] }),
      NONE: rule(and('SK')),
      PX: rule(present('X')),
      PY: rule(present('Y')),
      SK: rule(present('Z'), { applicability: ['A_SUPPORTED'] }),
    });
    const v = run(model, ['X'], []);
    expect(v.get('ANY')!.status).toBe('pass');
    expect(v.get('ALL')!.status).toBe('fail');
    expect(v.get('NONE')).toMatchObject({ status: 'skipped', skip: 'not-applicable' });
  });

  it('a failed SHOULD rule is reported as a warning and does not fail the MUST rule made of it', () => {
    const model = modelOf({ ROOT: rule(and('S')), S: rule(notNull('X'), { keyword: 'SHOULD' }) });
    const v = run(model, ['X'], [[null]]);
    expect(v.get('S')).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(v.get('ROOT')!.status).toBe('pass');
  });

  it('grades keywords: MUST (NOT) errors, SHOULD (NOT) / RECOMMENDED warnings, MAY / OPTIONAL infos', () => {
    expect(['MUST', 'MUST NOT', 'REQUIRED', 'SHALL'].map(severityOf)).toEqual(['error', 'error', 'error', 'error']);
    expect(['SHOULD', 'SHOULD NOT', 'RECOMMENDED'].map(severityOf)).toEqual(['warning', 'warning', 'warning']);
    expect(['MAY', 'OPTIONAL'].map(severityOf)).toEqual(['info', 'info']);
  });
});

describe('conditions', () => {
  it('the Condition filters the rows the Requirement is checked on', () => {
    const model = modelOf({
      ROOT: rule(and('R')),
      R: rule(notNull('Unit'), { condition: { CheckFunction: 'CheckNotValue', ColumnName: 'Quantity', Value: null } }),
    });
    const v = run(model, ['Quantity', 'Unit'], [['1', 'h'], [null, null], ['2', null], [null, 'h']]);
    expect(v.get('R')).toMatchObject({ status: 'fail', checked: 2, failures: 1, firstFailures: [{ row: 3, values: { Quantity: '2', Unit: null } }] });
  });

  it('a Condition may refer to another rule of one row: that rule must hold on the row', () => {
    const model = modelOf({
      ROOT: rule(and('R')),
      IS_USAGE: rule({ CheckFunction: 'CheckValue', ColumnName: 'ChargeCategory', Value: 'Usage' }),
      R: rule(notNull('ConsumedQuantity'), { condition: ref('IS_USAGE') }),
    });
    const v = run(model, ['ChargeCategory', 'ConsumedQuantity'], [['Usage', '1'], ['Tax', null], ['Usage', null]]);
    expect(v.get('R')).toMatchObject({ status: 'fail', checked: 2, failures: 1 });
  });
});

describe('applicability', () => {
  const model = modelOf({
    ROOT: rule(and('P_TAGS', 'C_TAGS')),
    P_TAGS: rule(present('Tags'), { applicability: ['A_SUPPORTED'] }),
    C_TAGS: rule(and('TAGS_FORMAT'), { dependencies: ['P_TAGS'] }),
    TAGS_FORMAT: rule({ CheckFunction: 'FormatKeyValue', ColumnName: 'Tags' }),
  });

  it('without the criterion the rule is skipped as not applicable, and so is what depends on it and what it is made of', () => {
    const v = run(model, [], []);
    expect(v.get('P_TAGS')).toMatchObject({ status: 'skipped', skip: 'not-applicable', reason: 'not applicable: A_SUPPORTED not declared' });
    expect(v.get('C_TAGS')).toMatchObject({ status: 'skipped', skip: 'not-applicable' });
    expect(v.get('TAGS_FORMAT')).toMatchObject({ status: 'skipped', skip: 'not-applicable' });
    expect(v.get('ROOT')!.status).toBe('skipped');
  });

  it('with the criterion declared the same rules are checked, and fail', () => {
    const v = run(model, ['Tags'], [['not json']], ['A_SUPPORTED']);
    expect(v.get('P_TAGS')!.status).toBe('pass');
    expect(v.get('TAGS_FORMAT')).toMatchObject({ status: 'fail', failures: 1 });
    expect(v.get('ROOT')!.status).toBe('fail');
  });

  it('every listed criterion is needed', () => {
    const both = modelOf({ ROOT: rule(and('R')), R: rule(present('X'), { applicability: ['A_SUPPORTED', 'B_SUPPORTED'] }) });
    expect(run(both, [], [], ['A_SUPPORTED']).get('R')).toMatchObject({ status: 'skipped', reason: 'not applicable: B_SUPPORTED not declared' });
    expect(run(both, [], [], ['A_SUPPORTED', 'B_SUPPORTED']).get('R')!.status).toBe('fail');
  });
});

describe('dependencies', () => {
  it('a rule is evaluated after its dependencies whatever their order in the model; a failed dependency skips it', () => {
    // Declared before the presence rule it depends on: the column is absent, so its rules are skipped, not failed on every row.
    const model = modelOf({
      ROOT: rule(and('COL', 'PRESENT')),
      COL: rule(and('NN'), { dependencies: ['PRESENT'] }),
      NN: rule(notNull('X')),
      PRESENT: rule(present('X')),
    });
    const v = run(model, ['Y'], [['1'], ['2']]);
    expect(v.get('PRESENT')!.status).toBe('fail');
    expect(v.get('COL')).toMatchObject({ status: 'skipped', skip: 'dependency-failed', reason: 'skipped: its dependency PRESENT failed' });
    expect(v.get('NN')).toMatchObject({ status: 'skipped', skip: 'dependency-failed', checked: 0, failures: 0 });
    expect(v.get('ROOT')!.status).toBe('fail');
  });

  it('a row rule whose dependency fails over the rows is skipped at the end, its own counts dropped', () => {
    const model = modelOf({ ROOT: rule(and('A', 'B')), A: rule(notNull('X')), B: rule(notNull('Y'), { dependencies: ['A'] }) });
    const v = run(model, ['X', 'Y'], [[null, null]]);
    expect(v.get('A')!.status).toBe('fail');
    expect(v.get('B')).toMatchObject({ status: 'skipped', skip: 'dependency-failed', failures: 0 });
  });

  it('a composite lists the rules it is made of among its dependencies: they decide it, they do not skip it', () => {
    const model = modelOf({ ROOT: rule(and('C')), C: rule(and('N1', 'N2'), { dependencies: ['N1', 'N2'] }), N1: rule(notNull('X')), N2: rule(notNull('Y')) });
    const v = run(model, ['X', 'Y'], [[null, '1']]);
    expect(v.get('C')!.status).toBe('fail');
    expect(v.get('N1')!.status).toBe('fail');
    expect(v.get('N2')!.status).toBe('pass');
  });
});

describe('what cannot be checked is skipped, never passed', () => {
  it('Dynamic rules, empty requirements and unknown check functions', () => {
    const model = modelOf({
      ROOT: rule(and('DYN', 'EMPTY', 'UNKNOWN', 'IN_CONDITION')),
      DYN: rule({}, { type: 'Dynamic' }),
      EMPTY: rule({}),
      UNKNOWN: rule({ CheckFunction: 'FormatUnit', ColumnName: 'X' }),
      IN_CONDITION: rule(notNull('X'), { condition: { CheckFunction: 'CheckSomethingNew', ColumnName: 'X' } }),
    });
    const v = run(model, ['X'], [['kg']]);
    expect(v.get('DYN')).toMatchObject({ status: 'skipped', skip: 'not-checkable', reason: 'Dynamic rule: not machine-checkable' });
    expect(v.get('EMPTY')).toMatchObject({ status: 'skipped', skip: 'not-checkable' });
    expect(v.get('UNKNOWN')).toMatchObject({ status: 'skipped', skip: 'not-implemented', reason: 'skipped: check function FormatUnit not implemented' });
    expect(v.get('IN_CONDITION')).toMatchObject({ status: 'skipped', skip: 'not-implemented' });
    expect(v.get('ROOT')).toMatchObject({ status: 'skipped' });
  });
});
