/**
 * `consumo exports list` and `consumo exports download` against a real server process with the demo
 * workspace (90 days of rated usage, six export definitions): the GreenLake and FOCUS 1.2 CSVs with
 * the rows the CLI counted, a .gz target kept compressed, an empty range, bad dates refused locally,
 * an unknown id, and a connection cut mid-stream that leaves neither FILE nor FILE.part; and
 * `exports create|update|delete`, with a ContractCommitment definition and an upgrade to FOCUS 1.3;
 * `exports manifest|fetch` of a run's files, checked against their SHA-256.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { relativeDayRange } from '@consumo/focus/formats';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { type ServerProcess, runCli, startServerProcess } from '../support/server-process.js';
import { type Bootstrap, cliEnv, fixedBootstrap } from '../support/subscription-e2e.js';

/** The header of GreenLake's FOCUS export sample (ADR 0013: the greenlake profile). */
const GREENLAKE_HEADER =
  'BillingAccountId,BillingAccountName,BillingCurrency,BilledCost,BillingPeriodStart,BillingPeriodEnd,' +
  'ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ContractedCost,' +
  'ContractedUnitPrice,EffectiveCost,InvoiceIssuerName,ProviderName,PublisherName,PricingQuantity,' +
  'PricingUnit,ListCost,ListUnitPrice,ResourceId,ResourceName,ResourceType,ServiceCategory,' +
  'ServiceName,SkuId,ConsumedQuantity,ConsumedUnit,AvailabilityZone,CommitmentDiscountType,' +
  'ChargeFrequency,CommitmentDiscountCategory,CommitmentDiscountId,CommitmentDiscountName,' +
  'CommitmentDiscountStatus,PricingCategory,RegionId,RegionName,SkuPriceId,SubAccountId,' +
  'SubAccountName,Tags';
const DEMO_NAMES = [
  'All usage (GreenLake)', 'VM compute, FOCUS 1.2, gzip', 'Top 5 resources by cost', 'Last month, every service',
  'All usage, FOCUS 1.3, Parquet', 'Contract commitments, FOCUS 1.3',
];
/** FOCUS 1.3's ContractCommitment columns in the specification's order, then Consumo's two `x_` columns. */
const CONTRACT_COMMITMENT_HEADER =
  'BillingCurrency,ContractCommitmentCategory,ContractCommitmentCost,ContractCommitmentDescription,ContractCommitmentId,' +
  'ContractCommitmentPeriodEnd,ContractCommitmentPeriodStart,ContractCommitmentQuantity,ContractCommitmentType,' +
  'ContractCommitmentUnit,ContractId,ContractPeriodEnd,ContractPeriodStart,x_BillingAccountId,x_SkuId';
const SUMMARY = /^(\d+) rows, (\d+) bytes in ([\d.]+) s → (.+)$/m;

function summaryOf(stdout: string) {
  const m = SUMMARY.exec(stdout);
  if (!m) throw new Error(`no summary line in:\n${stdout}`);
  return { rows: Number(m[1]), bytes: Number(m[2]), seconds: Number(m[3]), file: m[4] };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** LAST_30_DAYS on the UTC day of `now`, as the inclusive --from/--to pair. */
function last30Days(now: number) {
  const { fromMs, toMs } = relativeDayRange('LAST_30_DAYS', now);
  return ['--from', isoDay(fromMs), '--to', isoDay(toMs - 1)];
}

const records = (csv: Buffer | string) => parse(csv, { relax_column_count: false }) as string[][];
const partFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.part'));

interface ExportItem {
  id: string;
  name: string;
  profile: string;
  dataset: string;
  format: string;
  filter: unknown[];
  lastRun: { time: string } | null;
}

describe.concurrent.each(e2eEngines())('consumo exports on %s', (engine) => {
  let database: E2eDatabase;
  let server: ServerProcess;
  let boot: Bootstrap;
  let allUsage: string;
  let greenlakeCsv: Buffer;
  let greenlakeRows: number;
  /**
   * The days the first --relative LAST_30_DAYS download covered, as --from/--to. Every later
   * comparison with its rows names them, so a run that crosses UTC midnight compares the same days.
   */
  let window: string[];
  const cli = (...args: string[]) => runCli(args, { cwd: database.dir, env: cliEnv(server.url, boot) });
  const file = (name: string) => path.join(database.dir, name);

  beforeAll(async () => {
    database = await e2eDatabase(engine);
    boot = fixedBootstrap();
    server = await startServerProcess(
      { DATABASE_URL: database.url, CONSUMO_DEMO: '1', CONSUMO_EXPORT_DIR: path.join(database.dir, 'exports'), ...boot.env },
      database.dir,
    );
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.sequential('list shows the six demo definitions, as a table and as JSON', async () => {
    const table = await cli('exports', 'list');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^id\s+name\s+profile\s+dataset\s+format\s+schedule\s+lastRun$/);
    for (const name of DEMO_NAMES) expect(table.stdout).toContain(name);
    expect(table.stdout).toMatch(/Last month, every service\s+greenlake\s+CostAndUsage\s+csv\s+MONTHLY_LAST_MONTH\s+never/);
    expect(table.stdout).toMatch(/Contract commitments, FOCUS 1\.3\s+focus-1\.3\s+ContractCommitment\s+csv\s+never/);
    expect(table.stdout).toMatch(/All usage, FOCUS 1\.3, Parquet\s+focus-1\.3\s+CostAndUsage\s+parquet\s+never/);

    const json = await cli('exports', 'list', '--json');
    expect(json.code, json.stderr).toBe(0);
    const list = JSON.parse(json.stdout) as { total: number; items: ExportItem[] };
    expect(list.total).toBe(6);
    expect(list.items.map((e) => e.name).sort()).toEqual([...DEMO_NAMES].sort());
    allUsage = list.items.find((e) => e.name === 'All usage (GreenLake)')!.id;
  });

  it.sequential('download --relative LAST_30_DAYS: the GreenLake 43-column CSV, with as many rows as the CLI reports', async () => {
    const target = file('all-usage.csv');
    // The server resolves LAST_30_DAYS on its own clock: a download that straddles UTC midnight
    // is taken again, so that `window` is the range it covered.
    let r: Awaited<ReturnType<typeof cli>>;
    for (;;) {
      const before = last30Days(Date.now());
      r = await cli('exports', 'download', allUsage, '--relative', 'LAST_30_DAYS', '-o', target);
      window = before;
      if (last30Days(Date.now()).join() === before.join()) break;
    }
    expect(r.code, r.stderr).toBe(0);
    const summary = summaryOf(r.stdout);
    expect(summary.file).toBe(target);
    greenlakeCsv = readFileSync(target);
    expect(summary.bytes).toBe(greenlakeCsv.length);
    const [header, ...rows] = records(greenlakeCsv);
    expect(header!.join(',')).toBe(GREENLAKE_HEADER);
    expect(header).toHaveLength(43);
    expect(rows.length).toBeGreaterThan(0);
    expect(summary.rows).toBe(rows.length);
    greenlakeRows = rows.length;
    // The relative range is those 30 whole days ending yesterday: the same bytes as --from/--to.
    const explicit = file('all-usage-explicit.csv');
    const same = await cli('exports', 'download', allUsage, ...window, '-o', explicit);
    expect(same.code, same.stderr).toBe(0);
    expect(readFileSync(explicit).equals(greenlakeCsv)).toBe(true);
    console.info(`[${engine}] consumo exports download: ${summary.rows} rows, ${summary.bytes} bytes in ${summary.seconds} s`);

    // The run was recorded: list shows its time.
    const list = JSON.parse((await cli('exports', 'list', '--json')).stdout) as { items: ExportItem[] };
    expect(list.items.find((e) => e.id === allUsage)!.lastRun?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
  });

  it.sequential('--profile focus-1.2: every FOCUS 1.2 column, then the x_ columns; the same rows', async () => {
    const target = file('all-usage-focus.csv');
    const r = await cli('exports', 'download', allUsage, ...window, '--profile', 'focus-1.2', '-o', target);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = records(readFileSync(target));
    expect(header!.length).toBeGreaterThan(43);
    expect(header).toContain('BillingAccountType');
    expect(header!.slice(-5)).toEqual(['x_MeterId', 'x_RatingStatus', 'x_PriceEffectiveFrom', 'x_RatedAt', 'x_RatingRunId']);
    expect(rows).toHaveLength(greenlakeRows);
    expect(summaryOf(r.stdout).rows).toBe(greenlakeRows);
  });

  it.sequential('a .gz target stays gzip-compressed and gunzips to the same bytes', async () => {
    const target = file('all-usage.csv.gz');
    const r = await cli('exports', 'download', allUsage, ...window, '-o', target);
    expect(r.code, r.stderr).toBe(0);
    const gz = readFileSync(target);
    expect([...gz.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(gz.length).toBeLessThan(greenlakeCsv.length);
    expect(gunzipSync(gz).equals(greenlakeCsv)).toBe(true);
    const summary = summaryOf(r.stdout);
    expect(summary.rows).toBe(greenlakeRows);
    expect(summary.bytes).toBe(statSync(target).size);
  });

  it.sequential('--from/--to with no cost records (204): exit 0, the message, no file', async () => {
    const target = file('empty.csv');
    const r = await cli('exports', 'download', allUsage, '--from', '2001-01-01', '--to', '2001-01-31', '-o', target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('no cost records in that range');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it.sequential('bad dates and options exit 2 before anything is sent (no server at that URL)', async () => {
    const nowhere = { ...cliEnv('http://127.0.0.1:9', boot) };
    const local = (...args: string[]) => runCli(['exports', 'download', allUsage, ...args], { cwd: database.dir, env: nowhere });
    const [impossible, shape, relative, both, half, backwards, profile, format, output] = await Promise.all([
      local('--from', '2025-02-30', '--to', '2025-03-01', '-o', file('x.csv')),
      local('--from', '2025-3-1', '--to', '2025-03-02', '-o', file('x.csv')),
      local('--relative', 'LAST_2_DAYS', '-o', file('x.csv')),
      local('--relative', 'YESTERDAY', '--from', '2025-03-01', '--to', '2025-03-02', '-o', file('x.csv')),
      local('--from', '2025-03-01', '-o', file('x.csv')),
      local('--from', '2025-03-02', '--to', '2025-03-01', '-o', file('x.csv')),
      local('--relative', 'YESTERDAY', '--profile', 'focus-1.0', '-o', file('x.csv')),
      local('--relative', 'YESTERDAY', '--format', 'json', '-o', file('x.csv')),
      local('--relative', 'YESTERDAY'),
    ]);
    const all = [impossible, shape, relative, both, half, backwards, profile, format, output];
    expect(all.map((r) => r.code)).toEqual(all.map(() => 2));
    expect(impossible.stderr).toContain("--from must be a calendar date YYYY-MM-DD, got '2025-02-30'");
    expect(shape.stderr).toContain("got '2025-3-1'");
    expect(relative.stderr).toContain("--relative must be one of YESTERDAY, LAST_7_DAYS");
    expect(both.stderr).toContain('give --relative or --from/--to, not both');
    expect(half.stderr).toContain('--to is missing');
    expect(backwards.stderr).toContain('is before --from');
    expect(profile.stderr).toContain("--profile must be greenlake or focus-1.2 or focus-1.3, got 'focus-1.0'");
    expect(format.stderr).toContain("--format must be csv or parquet, got 'json'");
    expect(output.stderr).toContain('-o FILE');
    for (const r of all) expect(r.stderr).not.toContain('connection');
    expect(existsSync(file('x.csv'))).toBe(false);
  });

  it.sequential('an unknown id exits 2 with the 404 message; a malformed one with the 400 issue', async () => {
    const unknown = '0b7e5b8e-7c4f-4d8a-9a57-000000000000';
    const target = file('unknown.csv');
    const r = await cli('exports', 'download', unknown, '--relative', 'LAST_30_DAYS', '-o', target);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`consumo: no export ${unknown} in this workspace (HTTP 404 HPE_GL_CONSUMPTION_ANALYTICS_NOT_FOUND: Resource Not Found.)`);
    expect(existsSync(target)).toBe(false);

    const bad = await cli('exports', 'download', 'not-an-id', '--relative', 'LAST_30_DAYS', '-o', target);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('consumo: the server refused the request: id: Must be a UUID');
  });

  it.sequential('run --wait: the files of each billing period under CONSUMO_EXPORT_DIR with the rows download wrote; exit 0; 2 for an unknown export', async () => {
    const r = await cli('exports', 'run', allUsage, ...window, '--wait');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^export run: [0-9a-f-]{36}$/m);
    expect(r.stderr).toMatch(/export run \S+: SUCCEEDED \d+\/\d+ billing periods/);
    const done = /export run \S+: SUCCEEDED — \S+ to \S+, (\d+) of (\d+) billing periods, (\d+) rows in (\d+) files/.exec(r.stdout);
    expect(done, r.stdout).not.toBeNull();
    expect(Number(done![1])).toBe(Number(done![2]));
    expect(Number(done![3])).toBe(greenlakeRows);
    let rows = 0;
    for (const line of r.stdout.split('\n').filter((l) => l.includes('\t'))) {
      const [rel, count] = line.split('\t');
      const csv = readFileSync(path.join(database.dir, 'exports', rel!));
      const [header, ...data] = records(csv);
      expect(header!.join(',')).toBe(GREENLAKE_HEADER);
      expect(`${data.length} rows`).toBe(count);
      rows += data.length;
    }
    expect(rows).toBe(greenlakeRows);
    // One directory per billing period, and the export's FOCUS 1.3 metadata over all of them (ADR 0025).
    const entries = readdirSync(path.join(database.dir, 'exports', boot.workspaceId, allUsage));
    const periods = entries.filter((d) => d !== 'metadata.json');
    expect(entries).toContain('metadata.json');
    expect(periods.length).toBe(Number(done![2]));
    expect(periods.every((d) => /^BILLING_PERIOD=\d{4}-\d{2}$/.test(d))).toBe(true);

    const unknown = await cli('exports', 'run', '0b7e5b8e-7c4f-4d8a-9a57-1d2b3c4d5e6f', '--relative', 'YESTERDAY');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no export');
    const bad = await cli('exports', 'run', allUsage, '--from', '2026-02-30', '--to', '2026-03-01');
    expect(bad.code).toBe(2);
  });

  it.sequential('manifest and fetch: a run\'s files copied here byte for byte and checked; a changed file refused; a replaced period reported; exit 1', async () => {
    const started = await cli('exports', 'run', allUsage, ...window, '--wait');
    expect(started.code, started.stderr).toBe(0);
    const runId = /^export run: ([0-9a-f-]{36})$/m.exec(started.stdout)![1]!;
    const exportDir = path.join(database.dir, 'exports', boot.workspaceId, allUsage);
    const periods = readdirSync(exportDir).filter((d) => d.startsWith('BILLING_PERIOD=')).sort();

    const shown = await cli('exports', 'manifest', allUsage, runId);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`export run ${runId}: SUCCEEDED`);
    const lines = shown.stdout.split('\n').filter((l) => /^\d{4}-\d{2}\t/.test(l));
    expect(lines.map((l) => `BILLING_PERIOD=${l.split('\t')[0]}`)).toEqual(periods);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d{2}\twritten\t\d+ rows\t\d+ bytes\t\d+ files \(csv\)$/);

    const into = mkdtempSync(path.join(tmpdir(), 'consumo-fetch-'));
    try {
      const fetched = await cli('exports', 'fetch', allUsage, runId, '-d', into);
      expect(fetched.code, fetched.stderr).toBe(0);
      expect(readdirSync(into).sort()).toEqual(periods);
      let files = 0;
      for (const period of periods) {
        const served = readdirSync(path.join(exportDir, period)).sort();
        expect(readdirSync(path.join(into, period)).sort()).toEqual(served);
        for (const name of served.filter((n) => n !== 'manifest.json')) {
          expect(readFileSync(path.join(into, period, name)).equals(readFileSync(path.join(exportDir, period, name))), `${period}/${name}`).toBe(true);
          files++;
        }
        expect(JSON.parse(readFileSync(path.join(into, period, 'manifest.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(path.join(exportDir, period, 'manifest.json'), 'utf8')));
      }
      expect(fetched.stdout).toContain(`${files} files fetched`);

      // A file changed on the server after it was written (same size): its SHA-256 no longer matches, so it is not written.
      const period = periods.at(-1)!;
      const part = readdirSync(path.join(exportDir, period)).find((n) => n.startsWith('part-'))!;
      const original = readFileSync(path.join(exportDir, period, part));
      const changed = Buffer.from(original);
      changed[changed.length - 2] = changed[changed.length - 2] === 0x31 ? 0x32 : 0x31;
      writeFileSync(path.join(exportDir, period, part), changed);
      const again = mkdtempSync(path.join(tmpdir(), 'consumo-fetch-'));
      try {
        const refused = await cli('exports', 'fetch', allUsage, runId, '-d', again);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`${part}: received ${original.length} bytes with SHA-256`);
        expect(existsSync(path.join(again, period, part))).toBe(false);
        expect(existsSync(path.join(again, period, `${part}.part`))).toBe(false);
      } finally {
        writeFileSync(path.join(exportDir, period, part), original);
        rmSync(again, { recursive: true, force: true });
      }

      // A later run of the same range replaces every period: the first run's are reported, nothing fetched.
      const later = await cli('exports', 'run', allUsage, ...window, '--wait');
      expect(later.code, later.stderr).toBe(0);
      const laterId = /^export run: ([0-9a-f-]{36})$/m.exec(later.stdout)![1]!;
      const replaced = await cli('exports', 'manifest', allUsage, runId);
      expect(replaced.stdout).toContain(`${period.slice('BILLING_PERIOD='.length)}\treplaced by run ${laterId}`);
      const stale = mkdtempSync(path.join(tmpdir(), 'consumo-fetch-'));
      try {
        const r = await cli('exports', 'fetch', allUsage, runId, '-d', stale);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`replaced by run ${laterId}`);
        expect(r.stdout).toContain('0 files fetched');
      } finally {
        rmSync(stale, { recursive: true, force: true });
      }

      const unknown = await cli('exports', 'fetch', allUsage, '0b7e5b8e-7c4f-4d8a-9a57-1d2b3c4d5e6f', '-d', into);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no manifest for run 0b7e5b8e-7c4f-4d8a-9a57-1d2b3c4d5e6f');
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  it.sequential('create --dataset ContractCommitment: a FOCUS 1.3 definition whose CSV is the commitments; update upgrades 1.2 to 1.3; delete', async () => {
    const created = await cli('exports', 'create', '--name', 'Commitments (CLI)', '--dataset', 'ContractCommitment', '--json');
    expect(created.code, created.stderr).toBe(0);
    const commitments = JSON.parse(created.stdout) as ExportItem;
    // Without --profile a ContractCommitment definition is FOCUS 1.3, the one profile that has the dataset.
    expect(commitments).toMatchObject({ name: 'Commitments (CLI)', profile: 'focus-1.3', dataset: 'ContractCommitment', format: 'csv', filter: [] });

    const target = file('commitments.csv');
    // relativeDate is matched in any case.
    const r = await cli('exports', 'download', commitments.id, '--relative', 'last_30_days', '-o', target);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = records(readFileSync(target));
    expect(header!.join(',')).toBe(CONTRACT_COMMITMENT_HEADER);
    expect(rows.length).toBeGreaterThan(0);
    const type = header!.indexOf('ContractCommitmentType');
    expect(new Set(rows.map((row) => row[type]))).toEqual(new Set(['Committed Capacity']));

    // A FOCUS 1.2 definition with a filter, moved to 1.3 by update: the filter stays, the columns change.
    const filter = '[{"name":"ServiceName","operator":"EQ","values":["VM"]}]';
    const old = await cli('exports', 'create', '--name', 'VM (CLI)', '--profile', 'focus-1.2', '--filter', filter);
    expect(old.code, old.stderr).toBe(0);
    const [oldId, oldName, oldProfile, oldDataset] = old.stdout.trim().split('\t');
    expect([oldName, oldProfile, oldDataset]).toEqual(['VM (CLI)', 'focus-1.2', 'CostAndUsage']);
    const upgraded = await cli('exports', 'update', oldId!, '--profile', 'focus-1.3', '--json');
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(JSON.parse(upgraded.stdout)).toMatchObject({ id: oldId, profile: 'focus-1.3', dataset: 'CostAndUsage', filter: JSON.parse(filter) });
    const upgradedCsv = file('vm-1.3.csv');
    const download = await cli('exports', 'download', oldId!, '--relative', 'LAST_30_DAYS', '-o', upgradedCsv);
    expect(download.code, download.stderr).toBe(0);
    const [upgradedHeader, ...vmRows] = records(readFileSync(upgradedCsv));
    expect(upgradedHeader).toContain('ContractApplied');
    const service = upgradedHeader!.indexOf('ServiceName');
    expect(vmRows.length).toBeGreaterThan(0);
    expect(new Set(vmRows.map((row) => row[service]))).toEqual(new Set(['VM']));

    const deleted = await cli('exports', 'delete', oldId!);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe(`deleted export ${oldId}`);
    const gone = await cli('exports', 'update', oldId!, '--name', 'again');
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`no export ${oldId} in this workspace`);
  });

  it.sequential('create and update refusals exit 2 naming the field; a bad --filter is refused before sending', async () => {
    const [noName, badDataset, mismatch, badJson, notAList, nothing] = await Promise.all([
      cli('exports', 'create', '--profile', 'focus-1.3'),
      cli('exports', 'create', '--name', 'x', '--dataset', 'Invoices'),
      cli('exports', 'create', '--name', 'x', '--profile', 'greenlake', '--dataset', 'ContractCommitment'),
      cli('exports', 'create', '--name', 'x', '--filter', '[{"name":'),
      cli('exports', 'create', '--name', 'x', '--filter', '{"name":"ServiceName"}'),
      cli('exports', 'update', allUsage),
    ]);
    for (const r of [noName, badDataset, mismatch, badJson, notAList, nothing]) expect(r.code, r.stderr).toBe(2);
    expect(noName.stderr).toContain('--name NAME');
    expect(badDataset.stderr).toMatch(/the server refused the definition: .*dataset/);
    expect(mismatch.stderr).toMatch(/the server refused the definition: .*dataset/);
    expect(badJson.stderr).toContain('--filter must be a JSON list of criteria');
    expect(notAList.stderr).toContain('--filter must be a JSON list of criteria');
    expect(nothing.stderr).toContain('nothing to change');
    const list = JSON.parse((await cli('exports', 'list', '--json')).stdout) as { items: ExportItem[] };
    expect(list.items.filter((e) => e.name === 'x')).toEqual([]);
  });

  it.sequential('no FILE.part is left behind', () => {
    expect(partFiles(database.dir)).toEqual([]);
  });
});

describe('consumo exports download when the connection breaks mid-stream', () => {
  let fake: Server;
  let url: string;
  let cwd: string;

  beforeAll(async () => {
    // A server that hands out a token, then sends the header and rows, and cuts the connection once
    // the client has provably read some: it writes 32 MB, far more than the socket buffers on both
    // sides hold, waiting for each drain, so the cut comes after the CLI consumed rows however slow
    // the machine is (a fixed delay before the cut let a loaded machine read none: "after 0 bytes").
    fake = createServer((req, res) => {
      if (req.url === '/as/token.oauth2') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 900 }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      res.write(`${GREENLAKE_HEADER}\n`);
      const rows = Array.from({ length: 4096 }, (_, i) => `row ${i}`).join('\n');
      void (async () => {
        for (let written = 0; written < 32 << 20; written += rows.length + 1) {
          if (!res.write(`${rows}\n`)) await once(res, 'drain');
        }
        res.socket?.destroy();
      })();
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    cwd = mkdtempSync(path.join(tmpdir(), 'consumo-e2e-cut-'));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => fake.close(() => resolve()));
    rmSync(cwd, { recursive: true, force: true });
  });

  it('exits 2, names what arrived, and leaves neither FILE nor FILE.part', async () => {
    const target = path.join(cwd, 'cut.csv');
    const r = await runCli(['exports', 'download', '0b7e5b8e-7c4f-4d8a-9a57-1d2b3c4d5e6f', '--relative', 'YESTERDAY', '-o', target], {
      cwd,
      env: { CONSUMO_URL: url, CONSUMO_CLIENT_ID: 'c', CONSUMO_CLIENT_SECRET: 's' },
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/consumo: the download of export \S+ broke off after \d+ rows \(\d+ bytes received\) \(.+\); .*cut\.csv was not written/);
    expect(existsSync(target)).toBe(false);
    expect(partFiles(cwd)).toEqual([]);
  });
});
