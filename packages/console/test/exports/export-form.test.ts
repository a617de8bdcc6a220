import { describe, expect, it } from 'vitest';
import { createBody, emptyForm, formOf, parseFilter, patchBody, validateForm } from '../../src/exports/export-form.js';
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

describe('the export filter text', () => {
  it('reads a ReportFieldCriteria list, and blank as no filter', () => {
    expect(parseFilter('[{"name":"ResourceId","operator":"TOP","values":[5]}]')).toEqual({ ok: true, filter: [{ name: 'ResourceId', operator: 'TOP', values: [5] }] });
    expect(parseFilter('  ')).toEqual({ ok: true, filter: [] });
  });

  it('says what is wrong with anything else', () => {
    expect(parseFilter('[{')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not JSON/) });
    expect(parseFilter('{"name":"x"}')).toMatchObject({ ok: false, error: expect.stringContaining('JSON list') });
    expect(parseFilter('[{"name":"x","operator":"EQ"}]')).toEqual({ ok: false, error: 'Criterion 1 needs a name (text), an operator (text) and values (a list).' });
    expect(parseFilter('[{"name":"x","operator":"EQ","values":[],"op":1}]')).toEqual({ ok: false, error: 'Criterion 1 has unknown fields: op.' });
  });
});

describe('the export editor values', () => {
  it('needs a name and a readable filter', () => {
    expect(validateForm({ ...emptyForm(), name: '  ' })).toEqual({ name: 'Give the export a name.' });
    expect(validateForm({ ...emptyForm(), name: 'x', filter: 'nope' }).filter).toMatch(/^Not JSON/);
    expect(validateForm({ ...emptyForm(), name: 'x' })).toEqual({});
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
    expect(patchBody(config, { ...formOf(config), filter: '[]', compression: 'none' })).toEqual({ filter: [], compression: 'none' });
    expect(patchBody({ ...config, schedule: 'DAILY_MONTH_TO_DATE' }, formOf(config))).toEqual({ schedule: null });
  });
});
