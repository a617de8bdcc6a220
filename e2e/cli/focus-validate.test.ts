/** `consumo focus validate` spawned from the built CLI: its output, exit codes 0, 1 and 2, and that it never loads the server. */
// `consumo focus validate` as a user runs it: the built CLI (packages/cli/dist/bin.js, from
// `npx tsc -b packages/cli`, which `npm ci` runs through `prepare`) spawned on the fixtures of
// packages/focus; its output lines and exit codes 0 (conformant), 1 (violations), 2 (usage errors).
// The command needs @consumo/focus only: a run traced by ../support/module-trace.mjs resolves no
// module of packages/server, where `consumo migrate`, traced the same way, does.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANT_CSV, SAMPLE_1_0, SPEC_EXAMPLE_1_2, conformantRows, parquetOf } from '../../packages/focus/test/support/focus-rows.js';
import { BIN } from '../support/server-process.js';

const MODULE_TRACE = fileURLToPath(new URL('../support/module-trace.mjs', import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'focus-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI first (npx tsc -b packages/cli)`);
});

function consumo(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'focus', 'validate', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr, lines: run.stdout.trimEnd().split('\n') };
}

/** Runs `consumo ARGS` under the module trace: its exit code and the URL of every module it resolved. */
function traced(args: string[], env: Record<string, string> = {}) {
  const trace = path.join(tmp, `modules-${args[0]}.txt`);
  writeFileSync(trace, '');
  const run = spawnSync(process.execPath, ['--import', MODULE_TRACE, BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env, CONSUMO_MODULE_TRACE: trace },
  });
  return { code: run.status, err: run.stderr, modules: readFileSync(trace, 'utf8').split('\n').filter(Boolean) };
}

/** A module of the server package, reached through its workspace link or at its real path. */
const isServerModule = (url: string) => /\/packages\/server\/|\/node_modules\/@consumo\/server\//.test(url);

describe('consumo focus validate', () => {
  it('exits 0 on the conformant fixture (FOCUS 1.2 by default): a PASS or SKIP line per rule id, then the summary (ADR 0024)', () => {
    const r = consumo(CONFORMANT_CSV);
    expect(r.code).toBe(0);
    const rules = r.lines.slice(0, -2);
    expect(rules.length).toBeGreaterThan(250);
    for (const line of rules) expect(line).toMatch(/^(PASS|SKIP) \S+ \[(model 1\.2-consumo\.1|consumo)\] /);
    expect(rules).toContain('PASS CAU-BillingCurrency-C-004-M [model 1.2-consumo.1] BillingCurrency MUST be expressed in national currency (e.g., USD, EUR).');
    expect(r.lines.at(-2)).toMatch(/focus-conformant-1\.2\.csv conforms to FOCUS 1\.2 CostAndUsage \(model 1\.2-consumo\.1\): \d+ rules passed, 0 failed \(0 MUST, 0 SHOULD, 0 MAY\), \d+ skipped; 13 rows in \d+\.\d s/);
    expect(r.lines.at(-1)).toMatch(/^applicability: ACCOUNT_NAMING_SUPPORTED, /);
  });

  it('checks FOCUS 1.3 files of both datasets, and prints the report as one JSON object with --json', () => {
    const cc = consumo(path.join(path.dirname(CONFORMANT_CSV), 'focus-contract-commitment-1.3.csv'), '--version', '1.3', '--dataset', 'ContractCommitment', '--json');
    expect(cc.code).toBe(0);
    expect(cc.lines).toHaveLength(1);
    expect(JSON.parse(cc.out)).toMatchObject({ version: '1.3', dataset: 'ContractCommitment', modelVersion: '1.3-consumo.1', conformant: true, rows: 3 });
    expect(consumo(path.join(path.dirname(CONFORMANT_CSV), 'focus-conformant-1.3.csv'), '--version', '1.3').code).toBe(0);
  });

  it('exits 0 on its Parquet twin and on the .csv.gz, exits 1 on a file of the wrong version', () => {
    const parquet = path.join(tmp, 'twin.parquet');
    writeFileSync(parquet, parquetOf(conformantRows()));
    expect(consumo(parquet).code).toBe(0);
    const gz = path.join(tmp, 'twin.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(CONFORMANT_CSV)));
    expect(consumo(gz).code).toBe(0);
    const asTen = consumo(gz, '--version', '1.0');
    expect(asTen.code).toBe(1);
    expect(asTen.out).toContain('unknown-column');
  });

  it('exits 1 and prints the failed rules first, each with its first offending rows, then the summary', () => {
    const r = consumo(SPEC_EXAMPLE_1_2);
    expect(r.code).toBe(1);
    const failed = r.lines.filter((l) => l.startsWith('FAIL '));
    expect(r.lines.slice(0, failed.length + 2).filter((l) => !l.startsWith('    ')).every((l) => l.startsWith('FAIL '))).toBe(true);
    const missing = failed.filter((l) => / \[model 1\.2-consumo\.1\] \w+ MUST be present in a CostAndUsage dataset\.$/.test(l)).map((l) => l.split('] ')[1]!.split(' ')[0]);
    expect(missing).toEqual(['BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'ChargeClass', 'ChargeDescription', 'ContractedCost', 'InvoiceIssuerName', 'PricingUnit', 'ProviderName', 'PublisherName', 'ServiceCategory', 'ServiceName']);
    const at = (line: string) => r.lines.indexOf(line);
    const unknown = at('FAIL error unknown-column [consumo] Columns that are not FOCUS columns start with x_.');
    expect(r.lines[unknown + 1]).toBe("    row 0: SkuPriceid: 'SkuPriceid' is not a FOCUS 1.2 column: column names are case-sensitive, did you mean 'SkuPriceId'?");
    const literal = at('FAIL error literal-null [consumo] A null is a null, not the text NULL or an empty string. — 3 findings');
    expect(r.lines[literal + 1]).toBe("    row 1: ConsumedQuantity: the text 'null' stands for a null: use an empty cell (CSV) or a real null (Parquet)");
    const numeric = at('FAIL error CAU-ConsumedQuantity-C-002-M [model 1.2-consumo.1] ConsumedQuantity MUST conform to NumericFormat requirements. — 1 of 3 rows');
    expect(r.lines[numeric + 1]).toBe('    row 1: ConsumedQuantity="null"');
    expect(r.lines).toContain('SKIP CAU-BillingCurrency-C-000-M [model 1.2-consumo.1] BillingCurrency adheres to the following requirements: (skipped: its dependency CAU-CostAndUsage-D-006-M failed)');
    expect(r.lines.at(-2)).toMatch(/does not conform to FOCUS 1\.2 CostAndUsage \(model 1\.2-consumo\.1\): \d+ rules passed, \d+ failed \(\d+ MUST, 2 SHOULD, 0 MAY\), \d+ skipped; 3 rows in/);
  });

  it('prints JSON lines with --json, at most --max-violations of them, and counts the rest', () => {
    const r = consumo(SAMPLE_1_0, '--version', '1.0', '--json', '--max-violations', '3');
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(4);
    const [first, , , last] = r.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toEqual({ row: 0, column: 'Id', rule: 'unknown-column', message: "'Id' is not a FOCUS 1.0 column: custom columns start with 'x_' (e.g. 'x_Id')" });
    expect(last!.summary).toMatchObject({ version: '1.0', conformant: false, rows: 1000, violations: 13_838, collected: 3, truncated: true });
    expect((last!.summary as { byRule: Record<string, number> }).byRule['literal-null']).toBe(8973);
  });

  it('takes the format from --format when the extension does not tell', () => {
    const txt = path.join(tmp, 'export.txt');
    copyFileSync(CONFORMANT_CSV, txt);
    expect(consumo(txt, '--format', 'csv').code).toBe(0);
  });

  it.each([
    ['a missing file', [path.join(tmp, 'missing.csv')], /consumo: cannot read .*missing\.csv/],
    ['an unknown version', [CONFORMANT_CSV, '--version', '1.1'], /--version must be 1\.0, 1\.2, 1\.3, got '1\.1'/],
    ['an unknown applicability criterion', [CONFORMANT_CSV, '--applicability', 'REGION_SUPORTED'], /unknown applicability criteria REGION_SUPORTED/],
    ['an unknown format', [CONFORMANT_CSV, '--format', 'xml'], /--format must be csv or parquet/],
    ['an extension that tells no format', [path.join(tmp, 'export.json')], /give --format csv or --format parquet/],
    ['a bad --max-violations', [CONFORMANT_CSV, '--max-violations', 'many'], /--max-violations must be a whole number/],
    ['no FILE', [], /missing required argument 'file'/],
    ['an unknown option', [CONFORMANT_CSV, '--strict'], /unknown option '--strict'/],
  ])('exits 2 on %s', (_what, args, message) => {
    const r = consumo(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('loads @consumo/focus and nothing of the server, whose modules the same trace sees under `consumo migrate`', () => {
    const parquet = path.join(tmp, 'traced.parquet');
    writeFileSync(parquet, parquetOf(conformantRows()));
    for (const file of [CONFORMANT_CSV, parquet]) {
      const run = traced(['focus', 'validate', file]);
      expect(run.code, run.err).toBe(0);
      expect(run.modules.filter((url) => url.includes('/packages/focus/dist/'))).not.toEqual([]);
      expect(run.modules.filter(isServerModule)).toEqual([]);
    }
    // The control: a command that imports the server, stopped by its configuration before it opens a database.
    const migrate = traced(['migrate'], { DATABASE_URL: 'mysql://nowhere/consumo' });
    expect(migrate.code, migrate.err).toBe(2);
    expect(migrate.modules.filter(isServerModule)).not.toEqual([]);
    // Three traced CLI processes one after the other: ~3 s each on a quiet machine, >30 s in all under CI's load.
  }, 120_000);

  it('exits 2 on a file that is no Parquet', () => {
    const bad = path.join(tmp, 'bad.parquet');
    writeFileSync(bad, 'PAR1 but not really');
    const r = consumo(bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/consumo: cannot read .*bad\.parquet/);
  });
});
