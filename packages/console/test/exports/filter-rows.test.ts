import { FOCUS_1_2_COLUMNS, FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS } from '@consumo/focus/columns';
import { ConsumoApiError } from '@consumo/sdk';
import { describe, expect, it } from 'vitest';
import {
  columnKind,
  columnNames,
  criteriaOf,
  newRow,
  operatorsFor,
  rowErrors,
  rowsOf,
  sameCriteria,
  serverFilterErrors,
  shownRowErrors,
  valueShape,
  withOperator,
} from '../../src/exports/filter-rows.js';

const rows = (...criteria: { name: string; operator: string; values: unknown[] }[]) => rowsOf(criteria);

describe('the columns a filter row may name', () => {
  it('are the dataset’s FOCUS columns, from @consumo/focus', () => {
    expect(columnNames('CostAndUsage')).toEqual(FOCUS_1_2_COLUMNS.map((c) => c.name).sort());
    expect(columnNames('ContractCommitment')).toEqual(FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS.map((c) => c.name).sort());
  });

  it('add Tags.<key> to Cost and Usage and x_ columns (which the server judges) to both', () => {
    expect(columnKind('BilledCost', 'CostAndUsage')).toBe('decimal');
    expect(columnKind('ChargePeriodStart', 'CostAndUsage')).toBe('timestamp');
    expect(columnKind('Tags', 'CostAndUsage')).toBe('json');
    expect(columnKind('Tags.env', 'CostAndUsage')).toBe('string');
    expect(columnKind('Tags.', 'CostAndUsage')).toBeUndefined();
    expect(columnKind('x_RatingStatus', 'CostAndUsage')).toBe('unknown');
    expect(columnKind('ContractCommitmentId', 'CostAndUsage')).toBeUndefined();
    expect(columnKind('ContractCommitmentQuantity', 'ContractCommitment')).toBe('decimal');
    expect(columnKind('ServiceName', 'ContractCommitment')).toBeUndefined();
    expect(columnKind('Tags.env', 'ContractCommitment')).toBeUndefined();
    expect(columnKind('x_SkuId', 'ContractCommitment')).toBe('unknown');
  });
});

describe('the operators a row offers', () => {
  it('fit the column’s type, as the server checks them', () => {
    expect(operatorsFor('Tags', 'CostAndUsage')).toEqual(['EMPTY', 'IS_EMPTY', 'NOT_EMPTY']);
    expect(operatorsFor('ServiceName', 'CostAndUsage')).not.toContain('GT');
    expect(operatorsFor('ServiceName', 'CostAndUsage')).toContain('STARTS_WITH');
    expect(operatorsFor('BilledCost', 'CostAndUsage')).toContain('BETWEEN');
    expect(operatorsFor('BilledCost', 'CostAndUsage')).not.toContain('CONTAINS');
    expect(operatorsFor('ResourceId', 'CostAndUsage')).toContain('TOP');
    expect(operatorsFor('ContractId', 'ContractCommitment')).not.toContain('TOP');
    expect(operatorsFor('x_RatedAt', 'CostAndUsage')).toHaveLength(19);
  });

  it('take no value, one, or a list', () => {
    expect(valueShape('NOT_EMPTY')).toBe('none');
    expect(valueShape('EQ')).toBe('one');
    expect(valueShape('IN')).toBe('many');
    expect(valueShape('BETWEEN')).toBe('many');
  });

  it('keep the values the new operator can take', () => {
    const [row] = rows({ name: 'ServiceName', operator: 'IN', values: ['VM', 'Storage'] });
    expect(withOperator(row!, 'EQ').values).toEqual(['VM']);
    expect(withOperator(row!, 'NOT_EMPTY').values).toEqual([]);
    expect(withOperator(row!, 'NOT_IN').values).toEqual(['VM', 'Storage']);
  });
});

describe('filter rows', () => {
  it('read a saved filter with its values as text and send it back the same', () => {
    const saved = [
      { name: 'ResourceId', operator: 'TOP', values: [5] },
      { name: 'ServiceName', operator: 'IN', values: ['VM', 'Storage'] },
    ];
    const read = rowsOf(saved);
    expect(read.map(({ key: _key, ...r }) => r)).toEqual([
      { name: 'ResourceId', operator: 'TOP', values: ['5'] },
      { name: 'ServiceName', operator: 'IN', values: ['VM', 'Storage'] },
    ]);
    expect(new Set(read.map((r) => r.key)).size).toBe(2);
    expect(sameCriteria(criteriaOf(read), saved)).toBe(true);
    expect(sameCriteria(criteriaOf(read.slice(1)), saved)).toBe(false);
  });

  it('say what each row lacks', () => {
    const errors = rowErrors(
      [
        newRow(),
        ...rows(
          { name: 'ServiceName', operator: 'GT', values: ['1'] },
          { name: 'BilledCost', operator: 'BETWEEN', values: ['1'] },
          { name: 'NoSuchColumn', operator: 'EQ', values: ['x'] },
          { name: 'ServiceName', operator: 'IN', values: [] },
          { name: 'ResourceId', operator: 'NOT_EMPTY', values: [] },
          { name: 'Tags.env', operator: 'EQ', values: ['prod'] },
        ),
      ],
      'CostAndUsage',
    );
    expect(errors).toEqual([
      { name: 'Choose a column.', values: 'Give a value.' },
      { operator: 'GT applies to decimal and date/time columns only.' },
      { values: 'BETWEEN takes exactly 2 values.' },
      { name: 'Not a column of the CostAndUsage dataset (a FOCUS 1.2 column, an x_ column or Tags.<key>).' },
      { values: 'Give at least 1 value.' },
      {},
      {},
    ]);
  });

  it('flag at once the rows a change of dataset leaves without their column, the rest after a save is tried', () => {
    const filter = [newRow(), ...rows({ name: 'ServiceName', operator: 'EQ', values: ['VM'] }, { name: 'x_SkuId', operator: 'EQ', values: [] })];
    expect(shownRowErrors(filter, 'CostAndUsage', false)).toEqual([{}, {}, {}]);
    expect(shownRowErrors(filter, 'ContractCommitment', false)).toEqual([{}, { name: 'Not a column of the ContractCommitment dataset.' }, {}]);
    expect(shownRowErrors(filter, 'ContractCommitment', true)).toEqual([
      { name: 'Choose a column.', values: 'Give a value.' },
      { name: 'Not a column of the ContractCommitment dataset.' },
      { values: 'Give a value.' },
    ]);
    expect(shownRowErrors(filter, 'CostAndUsage', false, [{}, {}, { values: 'EQ on x_SkuId takes string values.' }])[2]).toEqual({ values: 'EQ on x_SkuId takes string values.' });
  });

  it('show the server’s 400 at the row it names', () => {
    const filter = rows({ name: 'ServiceName', operator: 'EQ', values: ['VM'] }, { name: 'BilledCost', operator: 'BETWEEN', values: ['1', 'lots'] });
    const issues = [
      { source: 'field', subject: 'filter[1].values[1]', description: 'BETWEEN on BilledCost takes decimal values (numbers or decimal strings).' },
      { source: 'field', subject: 'filter[0].name', description: 'Must be a FOCUS column name.' },
      { source: 'field', subject: 'filter[0].colour', description: 'Unknown property.' },
      { source: 'field', subject: 'filter', description: 'Must be an array.' },
      { source: 'field', subject: 'name', description: 'Too long.' },
    ];
    const error = new ConsumoApiError(400, { message: 'Bad request', errorDetails: [{ type: 'hpe.greenlake.bad_request', issues }] });
    expect(serverFilterErrors(error, filter)).toEqual({
      rows: [{ name: 'Must be a FOCUS column name.' }, { values: 'BETWEEN on BilledCost takes decimal values (numbers or decimal strings).' }],
      filter: 'Must be an array.',
    });
    expect(serverFilterErrors(new ConsumoApiError(500, {}), filter)).toEqual({ rows: [{}, {}] });
  });
});
