/**
 * cost_records partitions are shared by every workspace, so each must be exactly its month, whatever
 * the year: `Date.UTC` once made 0001-01 end in 1901, and every month after it could no longer be
 * created. A month that cannot be made fails alone; the others are still made (issue 15, point 10).
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCostPartitions } from '../../../src/modules/cost-records/index.js';
import { monthBounds } from '../../../src/modules/cost-records/cost-partitions.repository.js';
import { partitionRanges } from '../../support/cost-partition-fixtures.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../../support/test-databases.js';

describe('monthBounds', () => {
  it.each([
    ['0001-01', '0001-01-01T00:00:00Z', '0001-02-01T00:00:00Z'],
    ['0050-12', '0050-12-01T00:00:00Z', '0051-01-01T00:00:00Z'],
    ['0099-12', '0099-12-01T00:00:00Z', '0100-01-01T00:00:00Z'],
    ['2026-12', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['9999-12', '9999-12-01T00:00:00Z', '10000-01-01T00:00:00Z'],
  ])('%s is [%s, %s)', (month, from, to) => expect(monthBounds(month)).toEqual({ from, to }));

  it.each(['0000-01', '2026-13', '2026-1', '12026-01'])('refuses %s', (month) => expect(() => monthBounds(month)).toThrow(/not a month/));
});

describe.each(testEngines())('cost_records partitions on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
  });
  afterEach(() => t?.drop());

  it('makes each partition exactly its month, years 0001–0099 included', async () => {
    await ensureCostPartitions(t.db, ['0001-01', '0050-03', '0099-12', '2026-11']);
    expect(await partitionRanges(t.db)).toEqual({
      cost_records_0001_01: ['0001-01-01', '0001-02-01'],
      cost_records_0050_03: ['0050-03-01', '0050-04-01'],
      cost_records_0099_12: ['0099-12-01', '0100-01-01'],
      cost_records_2026_11: ['2026-11-01', '2026-12-01'],
    });
  });

  it('still makes the other months when one cannot be made', async () => {
    // What an older server left behind: 0001-01 running to 1901-02-01.
    await sql`create table cost_records_0001_01 partition of cost_records
      for values from ('0001-01-01T00:00:00Z') to ('1901-02-01T00:00:00Z')`.execute(t.db);
    await expect(ensureCostPartitions(t.db, ['0050-03', '2026-10'])).rejects.toThrow(/overlap/);
    expect(await partitionRanges(t.db)).toMatchObject({ cost_records_2026_10: ['2026-10-01', '2026-11-01'] });
    expect(await partitionRanges(t.db)).not.toHaveProperty('cost_records_0050_03');
  });
});
