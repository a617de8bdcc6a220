/**
 * `consumo ingest FILE` sends the usage events of an NDJSON or CSV file of any size in batches,
 * resumably; `consumo rate --from --to [--wait]` starts a rating run and can follow it to its end.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { calendarDayMs } from '@consumo/focus/formats';
import type { ConsumoClient, paths } from '@consumo/sdk';
import { call, retryConnection } from '../api-retry.js';
import { UsageError, connect } from '../connection.js';
import { formatIssue, issuesByLine } from '../ingest/batch-issues.js';
import { CSV_HELP } from '../ingest/csv-events.js';
import { MAX_BATCH_EVENTS } from '../ingest/event-batches.js';
import { EVENT_FORMATS, type EventFormat, formatOf } from '../ingest/event-file-reader.js';
import { type IngestOutcome, type Totals, ingestFile } from '../ingest/ingest-file.js';
import { CHECKPOINT_SUFFIX, defaultCheckpointPath } from '../ingest/ingest-checkpoint.js';
import { eventRate, ingestProgressView } from '../ingest/ingest-progress.js';
import { linesOf } from '../ingest/send-batch.js';
import { isActive, pollDelayMs } from '../operation-polling.js';
import { lazyBar } from '../progress-bar.js';

type RatingRun = paths['/metering/v1/rating-runs/{id}']['get']['responses'][200]['content']['application/json'];

const DEFAULT_BATCH = 1000;
/** Issues of a refused batch printed before the rest are only counted. */
const MAX_PRINTED_ISSUES = 20;

const INGEST_HELP = `
Formats:
  NDJSON (.ndjson, .jsonl): one CloudEvent JSON object per line; blank lines are skipped, e.g.
    {"specversion":"1.0","id":"e-1","source":"urn:collector:1","type":"com.example.cpu.used","subject":"vm-1","time":"2026-04-15T10:00:00Z","data":{"quantity":2}}
  ${CSV_HELP}

Resuming:
  After each batch the server acknowledged, the line reached is written to the checkpoint
  (FILE${CHECKPOINT_SUFFIX} unless --checkpoint says otherwise; replaced atomically) with the file's
  size and modification time. Run the same command again after an interruption and it skips what
  the checkpoint covers ("resuming at line N"); --restart sends the file from line 1. A changed file
  starts over. The checkpoint is deleted once the whole file was sent. The server stores an event
  once per (source, id): the batch that was on its way when the command stopped is simply sent again
  and its events count as duplicates, never twice.

Errors and exit codes:
  0  every event was sent (accepted, or duplicates of events stored before)
  1  a line is not an event (not JSON; a CSV row that cannot be built): it is printed as FILE:LINE
     and nothing of its batch is sent; or the server refused a batch (400, all-or-nothing): its
     problems are printed at their lines. The checkpoint stays at the last acknowledged batch;
     once the file is fixed (and so changed) it is sent from line 1, its stored events as duplicates.
  2  usage errors, other API errors, and a connection still lost after 5 retries with backoff.
  A 429 is waited out (X-RateLimit-Reset) and the batch sent again.
`;

function batchSizeOf(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_BATCH_EVENTS) throw new UsageError(`--batch-size must be a whole number in 1..${MAX_BATCH_EVENTS}, got '${value}'`);
  return n;
}

function formatFor(file: string, given: string | undefined): EventFormat {
  if (given !== undefined) {
    if (!(EVENT_FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format must be ${EVENT_FORMATS.join(' or ')}, got '${given}'`);
    return given as EventFormat;
  }
  const format = formatOf(file);
  if (!format) throw new UsageError(`cannot tell the format of ${file} from its extension (.ndjson, .jsonl, .csv); give --format ndjson or --format csv`);
  return format;
}

const summary = (t: Totals, elapsedMs: number) =>
  `accepted ${t.accepted}, duplicates ${t.duplicates}, events ${t.events} in ${(elapsedMs / 1000).toFixed(1)} s (${eventRate(t.events, elapsedMs)} events/s)`;

const acknowledged = (o: IngestOutcome, checkpoint: string) =>
  o.line === 0 ? 'no batch was acknowledged' : `lines 1-${o.line} are acknowledged and recorded in ${checkpoint}`;

/** Fixing the file changes its size or mtime, so the checkpoint no longer holds: say what happens then. */
const AFTER_A_FIX = 'fix the file and run the same command again: a changed file is sent from line 1, and what was stored before counts as duplicates';

/** Prints what happened; sets the exit code, or throws the error that stopped the run. */
function reportIngest(file: string, checkpoint: string, o: IngestOutcome): void {
  console.log(summary(o.run, o.elapsedMs));
  if (o.startLine > 1) {
    const t = o.overall;
    console.log(`with the earlier run(s), since line 1: accepted ${t.accepted}, duplicates ${t.duplicates}, events ${t.events}`);
  }
  if (o.status === 'done') return;
  if (o.status === 'broken') {
    for (const p of o.broken.problems) console.error(`${file}:${p.line}: ${p.message}`);
    const more = o.broken.count - o.broken.problems.length;
    if (more > 0) console.error(`… and ${more} more such line(s) in the same batch`);
    console.error(`consumo: nothing from line ${o.line + 1} on was sent; ${acknowledged(o, checkpoint)}`);
    console.error(`consumo: ${AFTER_A_FIX}`);
    process.exitCode = 1;
    return;
  }
  if (o.status === 'refused') {
    const issues = issuesByLine(o.body, o.lines);
    for (const issue of issues.slice(0, MAX_PRINTED_ISSUES)) console.error(formatIssue(file, issue));
    if (issues.length > MAX_PRINTED_ISSUES) console.error(`… and ${issues.length - MAX_PRINTED_ISSUES} more issue(s)`);
    const message = (o.body as { message?: string } | undefined)?.message;
    console.error(`consumo: the server refused ${linesOf(o.batch)}: ${message ?? 'nothing of that batch was stored.'}`);
    for (const { batch, answer: a } of o.alsoSent) {
      if (a.kind !== 'accepted') continue;
      console.error(
        `consumo: ${linesOf(batch)} were on their way at the same time: accepted ${a.accepted}, duplicates ${a.duplicates}; ` +
          'sent again, they will count as duplicates',
      );
    }
    console.error(`consumo: ${acknowledged(o, checkpoint)}`);
    console.error(`consumo: ${AFTER_A_FIX}`);
    process.exitCode = 1;
    return;
  }
  console.error(`consumo: stopped at ${linesOf(o.batch)}; ${acknowledged(o, checkpoint)}; run the same command again to resume`);
  throw o.error;
}

/** A real day of the years 0100–9999, as this command has always checked it (the server takes 0000–0099 too). */
const validDay = (value: string) => calendarDayMs(value) !== undefined;

/** The range as the API wants it; a UsageError (exit 2) names what is wrong before anything is sent. */
function ratingRange(from: string | undefined, to: string | undefined): { from: string; to: string } {
  if (from === undefined || to === undefined) throw new UsageError('rate needs --from and --to, e.g. --from 2026-04-01 --to 2026-05-01 (to is exclusive)');
  for (const [name, value] of [['--from', from], ['--to', to]] as const) {
    if (!validDay(value)) throw new UsageError(`${name} must be a calendar date YYYY-MM-DD (UTC), got '${value}'`);
  }
  if (to <= from) throw new UsageError(`--to is exclusive and must be after --from: nothing to rate from ${from} to ${to}`);
  return { from, to };
}

interface RunView {
  show(run: RatingRun): void;
  stop(): void;
}

/** Days rated of days total as a bar on a terminal; otherwise one line per change. */
function runView(): RunView {
  if (process.stderr.isTTY) {
    const bar = lazyBar<{ status: string; records: number }>('rating [{bar}] {value}/{total} days | {status} | {records} records');
    return {
      show: (run) => bar.update(run.result.daysRated, Math.max(1, run.result.daysTotal), { status: run.status, records: run.result.recordsWritten }),
      stop: () => bar.stop(),
    };
  }
  let shown = '';
  return {
    show(run) {
      const line = `rating run ${run.id}: ${run.status} ${run.result.daysRated}/${run.result.daysTotal} days, ${run.result.recordsWritten} records`;
      if (line !== shown) console.error(line);
      shown = line;
    },
    stop() {},
  };
}

const getRun = (client: ConsumoClient, id: string) =>
  retryConnection(() => call(() => client.GET('/metering/v1/rating-runs/{id}', { params: { path: { id } } })), { what: 'following the rating run' });

async function followRun(client: ConsumoClient, id: string): Promise<RatingRun> {
  const view = runView();
  try {
    for (;;) {
      const run = await getRun(client, id);
      view.show(run);
      if (!isActive(run)) return run;
      await sleep(pollDelayMs(run));
    }
  } finally {
    view.stop();
  }
}

export function registerMeteringCommands(program: Command): void {
  program
    .command('ingest <file>')
    .description(
      'send the usage events (CloudEvents) of an NDJSON or CSV file to the server in batches; the file is streamed, so it may be of any size, ' +
        'and an interrupted run resumes where it stopped',
    )
    .option('--batch-size <n>', `events per request (1..${MAX_BATCH_EVENTS})`, String(DEFAULT_BATCH))
    .option('--format <format>', 'ndjson or csv (default: from the extension: .ndjson, .jsonl, .csv)')
    .option('--checkpoint <path>', `where the progress is recorded (default: FILE${CHECKPOINT_SUFFIX})`)
    .option('--restart', 'ignore the checkpoint and send the file from line 1')
    .addHelpText('after', INGEST_HELP)
    .action(async (file: string, opts: { batchSize: string; format?: string; checkpoint?: string; restart?: boolean }) => {
      const batchSize = batchSizeOf(opts.batchSize);
      const format = formatFor(file, opts.format);
      const info = await stat(file).catch((err: Error) => {
        throw new UsageError(`cannot read ${file}: ${err.message}`);
      });
      if (!info.isFile()) throw new UsageError(`${file} is not a file`);
      const checkpointPath = opts.checkpoint ?? defaultCheckpointPath(file);
      // Found out now, not after the first batch was sent.
      await access(path.dirname(checkpointPath), constants.W_OK).catch(() => {
        throw new UsageError(`cannot write the checkpoint ${checkpointPath}: ${path.dirname(checkpointPath)} is not a writable directory`);
      });
      const outcome = await ingestFile({
        client: connect(),
        file,
        version: { size: info.size, mtimeMs: info.mtimeMs },
        format,
        batchSize,
        checkpointPath,
        restart: opts.restart === true,
        view: ingestProgressView({ tty: process.stderr.isTTY === true, batchSize }),
        note: (message) => console.error(`consumo: ${message}`),
      });
      reportIngest(file, checkpointPath, outcome);
    });

  program
    .command('rate')
    .description('rate (or re-rate) the usage of a range of UTC days into FOCUS cost records; prints the rating run id')
    .option('--from <YYYY-MM-DD>', 'first day to rate (required)')
    .option('--to <YYYY-MM-DD>', 'the day after the last one to rate: exclusive (required)')
    .option('--wait', 'follow the run to its end (polling as the server suggests); exit 0 when it SUCCEEDED, 1 otherwise')
    .action(async (opts: { from?: string; to?: string; wait?: boolean }) => {
      const body = ratingRange(opts.from, opts.to);
      const client = connect();
      // Not retried on a lost connection: the run may have started, and a second would rate the days again.
      const accepted = await call(() => client.POST('/metering/v1/rating-runs', { body }));
      console.log(`rating run: ${accepted.transactionId}`);
      if (!opts.wait) return;
      const run = await followRun(client, accepted.transactionId);
      const r = run.result;
      const error = (run.error as { message?: string } | undefined)?.message;
      console.log(
        `rating run ${run.id}: ${run.status} — ${r.daysRated} of ${r.daysTotal} days rated, ${r.recordsWritten} cost records written` +
          (error ? ` — ${error}` : ''),
      );
      if (run.status !== 'SUCCEEDED') process.exitCode = 1;
    });
}
