/**
 * `consumo exports list|download|run|manifest|fetch|create|update|delete`: GreenLake FOCUS Exports
 * v1beta1 over HTTP. `download` streams an export's contents (CSV, or Parquet) to a file through
 * FILE.part, gzip on the wire, never in memory; `run` starts an export run on the server (files under
 * its CONSUMO_EXPORT_DIR) and can follow it; `manifest` and `fetch` read a run's manifests and copy
 * its files here, each checked against its SHA-256.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { EXPORT_PROFILES, RELATIVE_DATES, exportDayMs } from '@consumo/focus/formats';
import { ConsumoApiError, type ConsumoClient, type paths } from '@consumo/sdk';
import { ConnectionLostError, call, connectionErrorCode, retryConnection, waitOutRateLimit } from '../api-retry.js';
import { UsageError, connect } from '../connection.js';
import { type DownloadTotals, PART_SUFFIX, downloadToFile } from '../exports/download-file.js';
import { type DefinitionOpts, type ExportDefinition, createDefinition, deleteDefinition, issuesOf, updateDefinition } from '../exports/export-definitions.js';
import { downloadSummary, downloadView } from '../exports/download-progress.js';
import { undecodedFetch } from '../exports/undecoded-fetch.js';
import { isActive, pollDelayMs } from '../operation-polling.js';
import { printJson, printTable } from '../output.js';
import { fetchRunFiles, manifestLines, runManifest } from '../exports/run-files.js';

const BASE = '/consumption-analytics/v1beta1/focus-exports';

export const MEDIA_TYPES = { csv: 'text/csv', parquet: 'application/vnd.apache.parquet' } as const;
type Format = keyof typeof MEDIA_TYPES;

type ContentsQuery = { relativeDate: string } | { startDate: string; endDate: string };

const DOWNLOAD_HELP = `
Range (one of):
  --relative NAME        ${RELATIVE_DATES.join(', ')} (any case)
  --from DAY --to DAY    YYYY-MM-DD, both inclusive (UTC, on ChargePeriodStart)

Output:
  The body is streamed to FILE${PART_SUFFIX} and renamed to FILE once complete: an interrupted or failed
  download never leaves a partial FILE (FILE${PART_SUFFIX} is removed). CSV is asked for gzip on the
  wire and gunzipped on the fly; when FILE ends in .gz it is kept gzip-compressed as it came (and
  gzipped here if the server sent it plain). Rows are counted on the CSV; for Parquet only bytes.
  On a terminal a progress bar shows rows, bytes and rows/s; the command ends with
  "N rows, B bytes in S s → FILE" (B: bytes written to FILE).
  No cost record in the range (204): prints "no cost records in that range", writes no file, exit 0.

Exit codes:
  0  written (or nothing in the range)
  2  bad options, API errors (400 bad dates, 404 unknown export, 406 format not available, …), and a
     connection lost before or during the download. A 429 is waited out (X-RateLimit-Reset).
`;

/**
 * The range as the contents query wants it, checked as the server checks it (relative dates and
 * days from @consumo/focus/formats); a UsageError (exit 2) says what is wrong before anything is sent.
 */
export function contentsRange(relative: string | undefined, from: string | undefined, to: string | undefined): ContentsQuery {
  if (relative !== undefined) {
    if (from !== undefined || to !== undefined) throw new UsageError('give --relative or --from/--to, not both');
    const name = relative.toUpperCase();
    if (!(RELATIVE_DATES as readonly string[]).includes(name)) {
      throw new UsageError(`--relative must be one of ${RELATIVE_DATES.join(', ')}; got '${relative}'`);
    }
    return { relativeDate: name };
  }
  if (from === undefined && to === undefined) throw new UsageError('give a range: --relative LAST_30_DAYS, or --from YYYY-MM-DD --to YYYY-MM-DD');
  if (from === undefined || to === undefined) throw new UsageError(`--from and --to go together; ${from === undefined ? '--from' : '--to'} is missing`);
  for (const [name, value] of [['--from', from], ['--to', to]] as const) {
    if (exportDayMs(value) === undefined) throw new UsageError(`${name} must be a calendar date YYYY-MM-DD, got '${value}'`);
  }
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from}); both days are inclusive`);
  return { startDate: from, endDate: to };
}

function oneOf<T extends string>(option: string, allowed: readonly T[], value: string | undefined, fallback: T | undefined): T | undefined {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be ${allowed.join(' or ')}, got '${value}'`);
  return value as T;
}

/** A refused contents request, as the message the CLI exits 2 with. */
function refusal(id: string, format: Format, status: number, body: unknown): Error {
  const api = new ConsumoApiError(status, body);
  if (status === 400) return new UsageError(`the server refused the request: ${issuesOf(body) ?? api.message}`);
  if (status === 404) return new UsageError(`no export ${id} in this workspace (${api.message})`);
  if (status === 406) return new UsageError(`the server cannot send export ${id} as ${format} (${api.message})`);
  return api;
}

interface DownloadOpts {
  relative?: string;
  from?: string;
  to?: string;
  profile?: string;
  format?: string;
  output?: string;
}

async function download(id: string, o: DownloadOpts): Promise<void> {
  const query = contentsRange(o.relative, o.from, o.to);
  const profile = oneOf('--profile', EXPORT_PROFILES, o.profile, undefined);
  const format = oneOf('--format', ['csv', 'parquet'] as const, o.format, 'csv')!;
  if (!o.output) throw new UsageError('give the file to write: -o FILE');
  const file = o.output;

  const client = connect();
  const startedAt = Date.now();
  const { response, error } = await retryConnection(
    () =>
      waitOutRateLimit(() =>
        client.GET(`${BASE}/{id}/contents`, {
          params: { path: { id }, query: { ...query, ...(profile && { profile }), format } },
          headers: { Accept: MEDIA_TYPES[format], 'Accept-Encoding': format === 'csv' ? 'gzip' : 'identity' },
          parseAs: 'stream',
          // Node's fetch would gunzip the body; this one leaves that to downloadToFile (a .gz FILE keeps it).
          fetch: undecodedFetch,
        }),
      ),
    { what: `requesting export ${id}` },
  );
  if (response.status === 204) {
    console.log('no cost records in that range');
    return;
  }
  if (!response.ok) throw refusal(id, format, response.status, error);
  const body = response.body;
  const type = response.headers.get('content-type') ?? '';
  if (!body || !type.toLowerCase().startsWith(MEDIA_TYPES[format])) {
    await body?.cancel();
    throw new UsageError(`asked for ${format} (${MEDIA_TYPES[format]}) but the server answered '${type || 'no body'}'; nothing written`);
  }

  const view = downloadView({ tty: process.stderr.isTTY === true, startedAt });
  let seen: DownloadTotals = { rows: undefined, bytes: 0, wireBytes: 0 };
  let totals: DownloadTotals;
  try {
    totals = await downloadToFile({
      body,
      file,
      gzipped: /\bgzip\b/i.test(response.headers.get('content-encoding') ?? ''),
      csv: format === 'csv',
      onProgress: (t) => {
        seen = t;
        view.update(t);
      },
    });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const why = connectionErrorCode(err) ?? (err as { code?: string }).code ?? (err as Error).message;
    const got = seen.rows === undefined ? `${seen.wireBytes} bytes received` : `${seen.rows} rows (${seen.wireBytes} bytes received)`;
    throw new ConnectionLostError(`the download of export ${id} broke off after ${got} (${why}); ${file} was not written`, { cause: err });
  } finally {
    view.stop();
  }
  console.log(downloadSummary(totals, Date.now() - startedAt, file));
}

type ExportRun =
  paths['/consumption-analytics/v1beta1/focus-exports/{id}/runs/{runId}']['get']['responses'][200]['content']['application/json'];

const runLine = (run: ExportRun) =>
  `export run ${run.id}: ${run.status} ${run.result.periodsDone}/${run.result.periods} billing periods, ` +
  `${run.result.rowsWritten} rows, ${run.result.bytesWritten} bytes`;

async function followRun(client: ConsumoClient, id: string, runId: string): Promise<ExportRun> {
  let shown = '';
  for (;;) {
    const run = await retryConnection(
      () => call(() => client.GET(`${BASE}/{id}/runs/{runId}`, { params: { path: { id, runId } } })),
      { what: 'following the export run' },
    );
    const line = runLine(run);
    if (line !== shown) console.error(line);
    shown = line;
    if (!isActive(run)) return run;
    await sleep(pollDelayMs(run));
  }
}

const RUN_HELP = `
Range (optional; without one, the range of the definition's schedule):
  --relative NAME        ${RELATIVE_DATES.join(', ')} (any case)
  --from DAY --to DAY    YYYY-MM-DD, both inclusive (UTC, on ChargePeriodStart)

The server writes one directory per billing period under its CONSUMO_EXPORT_DIR; prints the run id.
With --wait, follows the run (one line per billing period written) and prints its files.

Exit codes:
  0  started (with --wait: the run SUCCEEDED)
  1  with --wait: the run ended FAILED or TIMEDOUT
  2  bad options, API errors (400 bad dates or no range and no schedule, 404 unknown export, …)
`;

interface RunOpts {
  relative?: string;
  from?: string;
  to?: string;
  wait?: boolean;
}

async function runExport(id: string, o: RunOpts): Promise<void> {
  const body = o.relative === undefined && o.from === undefined && o.to === undefined ? undefined : contentsRange(o.relative, o.from, o.to);
  const client = connect();
  // Not retried on a lost connection: the run may have started, and a second would write the files again.
  const accepted = await call(() =>
    client.POST(`${BASE}/{id}/runs`, { params: { path: { id } }, body: body ?? {} }).then((res) => {
      if (res.response.status === 404) throw new UsageError(`no export ${id} in this workspace`);
      if (res.response.status === 400) throw new UsageError(`the server refused the request: ${issuesOf(res.error) ?? res.response.statusText}`);
      return res;
    }),
  );
  console.log(`export run: ${accepted.transactionId}`);
  if (!o.wait) return;
  const run = await followRun(client, id, accepted.transactionId);
  for (const f of run.result.files) console.log(`${f.path}\t${f.rows} rows\t${f.bytes} bytes`);
  const error = (run.error as { message?: string } | undefined)?.message;
  console.log(
    `export run ${run.id}: ${run.status} — ${run.result.from} to ${run.result.to}, ${run.result.periodsDone} of ${run.result.periods} billing periods, ` +
      `${run.result.rowsWritten} rows in ${run.result.files.length} files` +
      (error ? ` — ${error}` : ''),
  );
  if (run.status !== 'SUCCEEDED') process.exitCode = 1;
}

const FETCH_HELP = `
Writes DIR/BILLING_PERIOD=YYYY-MM/ for each billing period the run wrote, as the server lays it out:
the parts and the FOCUS metadata file exactly as written (a .csv.gz part stays compressed), then
the period's manifest.json. Each file goes to FILE.part and is renamed once its size and SHA-256
match the manifest; a file that does not match is not written. A period a later run replaced, or
whose files are gone from the server, is reported and skipped; the others are still fetched.

Exit codes:
  0  every file of every period fetched and checked
  1  some period replaced or missing, or a file that failed its check (named on stderr)
  2  bad options, API errors (404 unknown export or run, or nothing written yet)
`;

const DEFINITION_HELP = `
Fields (each checked by the server, which names every bad one):
  --profile              ${EXPORT_PROFILES.join(', ')} (default greenlake; focus-1.3 for ContractCommitment)
  --dataset              CostAndUsage (the cost records, default) or ContractCommitment (FOCUS 1.3 only)
  --format               csv or parquet
  --compression          none or gzip
  --schedule             DAILY_MONTH_TO_DATE, MONTHLY_LAST_MONTH, or none
  --filter               a JSON list of criteria, or @FILE holding one:
                         '[{"name":"ServiceName","operator":"EQ","values":["VM"]}]'

Exit codes:
  0  done; prints the definition's id (with --json, the whole definition)
  2  bad options, or the server refused (400 naming each field, 404 unknown export)
`;

/** The options create and update share (update: each only when given; --schedule none clears it). */
function definitionOptions(command: Command): Command {
  return command
    .option('--profile <profile>', `column set: ${EXPORT_PROFILES.join(', ')}`)
    .option('--dataset <dataset>', 'CostAndUsage or ContractCommitment (FOCUS 1.3)')
    .option('--format <format>', 'csv or parquet')
    .option('--compression <compression>', 'none or gzip')
    .option('--schedule <schedule>', 'DAILY_MONTH_TO_DATE, MONTHLY_LAST_MONTH or none')
    .option('--filter <json|@file>', 'criteria as a JSON list, or @FILE')
    .option('--json', 'print the whole definition as JSON')
    .addHelpText('after', DEFINITION_HELP);
}

function printDefinition(definition: ExportDefinition, json: boolean | undefined): void {
  if (json) printJson(definition);
  else console.log(`${definition.id}\t${definition.name}\t${definition.profile}\t${definition.dataset}\t${definition.format}`);
}

export function registerExportsCommands(program: Command): void {
  const group = program.command('exports').description('GreenLake FOCUS exports: the definitions of the workspace, and their contents as files');

  group
    .command('list')
    .description('list the export definitions of the workspace')
    .option('--json', 'print the whole answer as JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await call(() => connect().GET(BASE));
      if (o.json) return printJson(list);
      printTable(
        list.items.map((e) => ({
          id: e.id,
          name: e.name,
          profile: e.profile,
          dataset: e.dataset,
          format: e.format,
          schedule: e.schedule ?? '',
          // GreenLake writes UTC without a zone.
          lastRun: e.lastRun ? `${e.lastRun.time}Z` : 'never',
        })),
        ['id', 'name', 'profile', 'dataset', 'format', 'schedule', 'lastRun'],
      );
    });

  group
    .command('download <id>')
    .description('run an export and stream its contents (FOCUS cost records of a date range) to a file')
    .option('--relative <name>', 'a relative range, e.g. LAST_30_DAYS (see below)')
    .option('--from <YYYY-MM-DD>', 'first day (inclusive); needs --to')
    .option('--to <YYYY-MM-DD>', 'last day (inclusive); needs --from')
    .option('--profile <profile>', "column set for this download: greenlake, focus-1.2 or focus-1.3 (default: the definition's)")
    .option('--format <format>', 'csv or parquet, whatever the definition says', 'csv')
    .option('-o, --output <file>', 'the file to write (required); ending in .gz keeps it gzip-compressed')
    .addHelpText('after', DOWNLOAD_HELP)
    .action(download);

  group
    .command('run <id>')
    .description("write an export to files on the server, one directory per billing period (an export run); prints the run id")
    .option('--relative <name>', 'a relative range, e.g. PREVIOUS_MONTH (see below)')
    .option('--from <YYYY-MM-DD>', 'first day (inclusive); needs --to')
    .option('--to <YYYY-MM-DD>', 'last day (inclusive); needs --from')
    .option('--wait', 'follow the run to its end (polling as the server suggests); exit 0 when it SUCCEEDED, 1 otherwise')
    .addHelpText('after', RUN_HELP)
    .action(runExport);

  group
    .command('manifest <id> <runId>')
    .description("an export run's billing periods: written (rows, bytes, files), replaced by a later run, or missing")
    .option('--json', 'print the whole answer as JSON (each period\'s manifest.json as written)')
    .action(async (id: string, runId: string, o: { json?: boolean }) => {
      const manifest = await runManifest(connect(), id, runId);
      if (o.json) return printJson(manifest);
      console.log(`export run ${manifest.runId}: ${manifest.status}`);
      for (const line of manifestLines(manifest)) console.log(line);
    });

  group
    .command('fetch <id> <runId>')
    .description("copy an export run's files from the server into a directory, each checked against its manifest's size and SHA-256")
    .option('-d, --dir <dir>', 'where to write BILLING_PERIOD=YYYY-MM/… (default: the current directory)', '.')
    .addHelpText('after', FETCH_HELP)
    .action(async (id: string, runId: string, o: { dir: string }) => {
      const outcome = await fetchRunFiles(connect(), id, runId, o.dir, (f) => console.log(`${f.file}\t${f.bytes} bytes`));
      for (const problem of outcome.problems) console.error(`consumo: ${problem}`);
      console.log(`${outcome.files.length} files fetched${outcome.problems.length ? `, ${outcome.problems.length} problems` : ''}`);
      if (outcome.problems.length) process.exitCode = 1;
    });

  definitionOptions(group.command('create').description('create an export definition; prints its id, name, profile, dataset and format'))
    .option('--name <name>', 'the name (required)')
    .action(async (o: DefinitionOpts & { json?: boolean }) => printDefinition(await createDefinition(connect(), o), o.json));

  definitionOptions(
    group.command('update <id>').description('change an export definition (a JSON merge patch of the options given), e.g. --profile focus-1.3 to upgrade it'),
  )
    .option('--name <name>', 'a new name')
    .action(async (id: string, o: DefinitionOpts & { json?: boolean }) => printDefinition(await updateDefinition(connect(), id, o), o.json));

  group
    .command('delete <id>')
    .description('delete an export definition (its past runs\' files stay on the server)')
    .action(async (id: string) => {
      await deleteDefinition(connect(), id);
      console.log(`deleted export ${id}`);
    });
}
