/** Stand-in mode's settings (docs/configuration.md, Stand-in mode): off by default, and a bad value stops the start. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('stand-in settings', () => {
  it('is off by default, with its defaults', () => {
    expect(loadConfig({})).toMatchObject({ standIn: false, snapshotDir: '.consumo/snapshots', snapshot: undefined, requestLogSize: 1000 });
  });

  it('reads CONSUMO_STAND_IN, CONSUMO_SNAPSHOT_DIR, CONSUMO_SNAPSHOT and CONSUMO_REQUEST_LOG_SIZE', () => {
    const config = loadConfig({ CONSUMO_STAND_IN: '1', CONSUMO_SNAPSHOT_DIR: '/tmp/s', CONSUMO_SNAPSHOT: '/tmp/s/a.jsonl.gz', CONSUMO_REQUEST_LOG_SIZE: '50' });
    expect(config).toMatchObject({ standIn: true, snapshotDir: '/tmp/s', snapshot: '/tmp/s/a.jsonl.gz', requestLogSize: 50 });
  });

  it('refuses a snapshot to load outside stand-in mode, and a log size out of range', () => {
    expect(() => loadConfig({ CONSUMO_SNAPSHOT: '/tmp/a.jsonl.gz' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONSUMO_STAND_IN: 'yes' })).toThrow(/CONSUMO_STAND_IN must be 1 or 0/);
    expect(() => loadConfig({ CONSUMO_REQUEST_LOG_SIZE: '0' })).toThrow(/CONSUMO_REQUEST_LOG_SIZE must be between 1 and 1000000/);
  });
});
