/**
 * The worker of FOCUS export runs (ADR 0013, Runs): an export written to files under
 * CONSUMO_EXPORT_DIR, one billing period (calendar month of BillingPeriodStart) at a time, on the
 * lifecycle of platform/operations: progress commits after each period, a job taken up again after
 * a crash resumes at the first period not done, and the last failed attempt marks the run FAILED.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobContext, JobRow } from '../../platform/jobs/index.js';
import { endOperation, failOnLastAttempt, isActive, markRunning, operationError, stillActive } from '../../platform/operations/index.js';
import { periodsOf } from './export-dates.js';
import { type Criterion, compileFilter } from './export-filter.fields.js';
import { FOCUS_VERSION_OF } from './export-profiles.js';
import { datasetFreshness, definitionProfile } from './dataset-sources.js';
import { periodDirName, writeExportMetadata, writePeriod } from './export-files.js';
import { type TimeSector, focusMetadata, periodComplete, timeSector } from './focus-metadata.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import * as repo from './focus-exports.repository.js';
import { type ExportRunRow, findRunById, recordPeriod } from './export-runs.repository.js';
import { EXPORT_RUNS, EXPORT_RUN_QUEUE, type ExportRunPayload } from './export-runs.service.js';
import { periodSource } from './period-sources.js';

/** Writes each remaining period of the run; `periods_done` says where to resume. */
async function writePeriods(deps: FocusExportsDeps, run: ExportRunRow, ctx: JobContext): Promise<void> {
  const definition = await repo.findExport(deps.db, run.workspace_id, run.export_id);
  if (!definition) {
    const error = operationError('CONSUMPTION_ANALYTICS_NOT_FOUND', 'The export definition was deleted before the run could write it.', run.id);
    await endOperation(deps.db, 'focus_export_runs', run.id, 'FAILED', ctx.now(), error);
    return;
  }
  await markRunning(deps.db, 'focus_export_runs', run.id, ctx.now());
  const profile = definitionProfile(definition);
  const instance = { id: definition.id, name: definition.name };
  const periods = periodsOf(run.from_day, run.to_day);
  const exportRoot = path.resolve(deps.exportDir, run.workspace_id, run.export_id);
  for (let i = run.periods_done; i < periods.length; i++) {
    ctx.signal.throwIfAborted();
    if (i > run.periods_done && deps.stepDelayMs) await sleep(deps.stepDelayMs, undefined, { signal: ctx.signal });
    const current = await findRunById(deps.db, run.id);
    if (!(await stillActive(deps.db, EXPORT_RUNS, current, ctx.now()))) return;
    const period = periods[i]!;
    const where = compileFilter(definition.filter as Criterion[], { workspaceId: run.workspace_id, from: period.from, to: period.to, dataset: profile.dataset });
    const range = { workspaceId: run.workspace_id, from: period.from, to: period.to, where };
    const now = ctx.now();
    // The period's completeness as of now: the metadata is written with the files (a record rated into the
    // period while they are written is the next run's, like the record itself).
    const fresh = await datasetFreshness(deps.db, profile, range);
    const sector = timeSector({ from: period.from, to: period.to, complete: periodComplete(period.to, fresh.billingPeriodEnd, now.getTime()), lastUpdated: now });
    const manifest = await writePeriod({
      exportRoot,
      billingPeriod: period.month,
      // On PostgreSQL the COPY bytes (CSV) or the binary COPY's batches (Parquet) the contents serve; elsewhere row chunks (ADR 0032).
      source: periodSource({ db: deps.db, streams: deps.streams, profile, format: definition.format, range, now: now.getTime() }),
      profile,
      format: definition.format,
      compression: definition.compression,
      partRows: deps.partRows,
      now: now.getTime(),
      signal: ctx.signal,
      metadata: focusMetadata(instance, profile, [sector], now),
      manifest: {
        runId: run.id,
        exportId: run.export_id,
        profile: definition.profile,
        focusVersion: FOCUS_VERSION_OF[definition.profile],
        range: { from: run.from_day, to: run.to_day },
        createdAt: now.toISOString(),
      },
    });
    await writeExportMetadata<TimeSector>(exportRoot, (sectors) => focusMetadata(instance, profile, sectors, now));
    const dir = path.posix.join(run.workspace_id, run.export_id, periodDirName(period.month));
    const files = manifest.files.map((f) => ({ path: `${dir}/${f.name}`, rows: f.rows, bytes: f.bytes }));
    await recordPeriod(deps.db, run.id, { rows: manifest.rows, bytes: manifest.bytes, files }, ctx.now(), i === periods.length - 1);
  }
  if (periods.length === 0) await endOperation(deps.db, 'focus_export_runs', run.id, 'SUCCEEDED', ctx.now());
}

export async function runExportRun(deps: FocusExportsDeps, job: JobRow, ctx: JobContext): Promise<void> {
  const { runId } = job.payload as ExportRunPayload;
  const run = await findRunById(deps.db, runId);
  if (!run || !isActive(run)) return;
  await failOnLastAttempt(deps.db, EXPORT_RUNS, job, ctx, runId, () => writePeriods(deps, run, ctx));
}

export function registerExportRunWorker(deps: FocusExportsDeps): void {
  deps.jobs.register(EXPORT_RUN_QUEUE, (job, ctx) => runExportRun(deps, job, ctx), { lane: 'batch' });
}
