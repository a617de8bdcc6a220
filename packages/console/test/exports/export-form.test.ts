import { describe, expect, it } from 'vitest';
import { createBody, emptyForm, formOf, patchBody, validateForm } from '../../src/exports/export-form.js';
import { newRow, rowsOf } from '../../src/exports/filter-rows.js';
import type { ExportConfig } from '../../src/exports/types.js';

const event = { id: 'system', name: 'System', time: '2026-12-01T00:00:00.000' };
const config: ExportConfig = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'VM compute',
  filter: [{ name: 'ServiceName', operator: 'EQ', values: ['VM'] }],
  created: event,
  lastUpdated: event,
  lastRun: null,
  profile: 'focus-1.2',
  dataset: 'CostAndUsage',
  format: 'csv',
  compression: 'gzip',
  schedule: null,
};

describe('the export editor values', () => {
  it('needs a name and filter rows that can be sent', () => {
    expect(validateForm({ ...emptyForm(), name: '  ' })).toEqual({ name: 'Give the export a name.' });
    expect(validateForm({ ...emptyForm(), name: 'x', filter: [newRow()] }).rows).toEqual([{ name: 'Choose a column.', values: 'Give a value.' }]);
    expect(validateForm({ ...emptyForm(), name: 'x', filter: rowsOf([{ name: 'ServiceName', operator: 'EQ', values: ['VM'] }]) })).toEqual({});
    expect(validateForm({ ...emptyForm(), name: 'x' })).toEqual({});
  });

  it('sends the rows as ReportFieldCriteria, empty values left out', () => {
    const filter = rowsOf([
      { name: ' ServiceName ', operator: 'IN', values: ['VM', 'Storage'] },
      { name: 'ResourceId', operator: 'NOT_EMPTY', values: [] },
    ]);
    filter[1]!.values = [''];
    expect(createBody({ ...emptyForm(), name: 'x', filter }).filter).toEqual([
      { name: 'ServiceName', operator: 'IN', values: ['VM', 'Storage'] },
      { name: 'ResourceId', operator: 'NOT_EMPTY', values: [] },
    ]);
  });

  it('creates with every field, no schedule as null', () => {
    expect(createBody({ ...emptyForm(), name: ' All usage ' })).toEqual({
      name: 'All usage',
      filter: [],
      profile: 'greenlake',
      dataset: 'CostAndUsage',
      format: 'csv',
      compression: 'none',
      schedule: null,
    });
  });

  it('patches only what changed', () => {
    expect(patchBody(config, formOf(config))).toEqual({});
    expect(patchBody(config, { ...formOf(config), name: 'VM', schedule: 'MONTHLY_LAST_MONTH' })).toEqual({ name: 'VM', schedule: 'MONTHLY_LAST_MONTH' });
    expect(patchBody(config, { ...formOf(config), filter: [], compression: 'none' })).toEqual({ filter: [], compression: 'none' });
    const changed = formOf(config);
    changed.filter[0]!.values = ['VM', 'Storage'];
    changed.filter[0]!.operator = 'IN';
    expect(patchBody(config, changed)).toEqual({ filter: [{ name: 'ServiceName', operator: 'IN', values: ['VM', 'Storage'] }] });
    // A saved number and the same number as text are the same filter: nothing to send.
    const ranked = { ...config, filter: [{ name: 'ResourceId', operator: 'TOP', values: [5] }] };
    expect(patchBody(ranked, formOf(ranked))).toEqual({});
    expect(patchBody({ ...config, schedule: 'DAILY_MONTH_TO_DATE' }, formOf(config))).toEqual({ schedule: null });
  });
});
