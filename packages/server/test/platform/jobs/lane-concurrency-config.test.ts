/** The job queue's per-lane slot limits as the environment sets them (docs/configuration.md, Fair background work). */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('job lane concurrency settings', () => {
  it('defaults to 4 interactive and 2 batch slots per process', () => {
    expect(loadConfig({}).jobConcurrency).toEqual({ interactive: 4, batch: 2 });
  });

  it('reads CONSUMO_JOB_INTERACTIVE_CONCURRENCY and CONSUMO_JOB_BATCH_CONCURRENCY', () => {
    const config = loadConfig({ CONSUMO_JOB_INTERACTIVE_CONCURRENCY: '8', CONSUMO_JOB_BATCH_CONCURRENCY: '1' });
    expect(config.jobConcurrency).toEqual({ interactive: 8, batch: 1 });
  });

  it('refuses a lane without slots, too many, or not a number, naming the variable', () => {
    expect(() => loadConfig({ CONSUMO_JOB_BATCH_CONCURRENCY: '0' })).toThrow(new ConfigError('CONSUMO_JOB_BATCH_CONCURRENCY must be between 1 and 64, got 0'));
    expect(() => loadConfig({ CONSUMO_JOB_INTERACTIVE_CONCURRENCY: '65' })).toThrow(/CONSUMO_JOB_INTERACTIVE_CONCURRENCY must be between 1 and 64/);
    expect(() => loadConfig({ CONSUMO_JOB_INTERACTIVE_CONCURRENCY: 'many' })).toThrow(/CONSUMO_JOB_INTERACTIVE_CONCURRENCY must be a whole number/);
  });
});
