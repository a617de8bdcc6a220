/** A cost line whose decimals the exports' DECIMAL(38, 15) cannot hold is stored unpriced (OUT_OF_RANGE), never as a value that breaks an export. */
import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_INTEGER_DIGITS, markOutOfRange } from '../../../../src/modules/metering/rating/export-range.js';
import type { CostRow } from '../../../../src/modules/metering/rating/price-usage.js';
import { DECIMAL_PRECISION, DECIMAL_SCALE } from '../../../../src/modules/focus-exports/parquet-encoder.js';

const row = (fields: Record<string, string | null>): CostRow => ({ line_key: 'k', x_rating_status: 'RATED', ...fields });
const costs = (value: string) => ({ list_cost: value, contracted_cost: value, effective_cost: value, billed_cost: value, pricing_currency_effective_cost: value });

describe('markOutOfRange', () => {
  it('is the integer part of the Parquet decimal', () => expect(MAX_EXPORT_INTEGER_DIGITS).toBe(DECIMAL_PRECISION - DECIMAL_SCALE));

  it('leaves lines that fit alone, 23 integer digits included', () => {
    const fitting = row({ consumed_quantity: '99999999999999999999999.999999999999999', ...costs('-12345678901234567890123.5') });
    expect(markOutOfRange([{ ...fitting }])).toEqual([fitting]);
  });

  it('nulls every cost when one cost does not fit, and marks the line', () => {
    const [marked] = markOutOfRange([row({ consumed_quantity: '10', list_unit_price: '99999999999999999999999', ...costs('999999999999999999999990') })]);
    expect(marked).toMatchObject({ consumed_quantity: '10', list_unit_price: '99999999999999999999999', x_rating_status: 'OUT_OF_RANGE', ...costs(null as unknown as string) });
    expect(marked!.billed_cost).toBeNull();
  });

  it('nulls a quantity that does not fit', () => {
    const [marked] = markOutOfRange([row({ consumed_quantity: '100000000000000000000000', ...costs('1') })]);
    expect(marked).toMatchObject({ consumed_quantity: null, billed_cost: '1', x_rating_status: 'OUT_OF_RANGE' });
  });
});
