/**
 * `consumo focus validate`: FOCUS 1.2 and 1.3 through the requirements model (a verdict per rule id in
 * text and --json, --dataset, --applicability, --model), FOCUS 1.0 through the hand-written checker, and
 * usage errors exiting 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerFocusCommands } from '../../src/commands/focus.commands.js';
import { UsageError } from '../../src/connection.js';

const FIXTURES = fileURLToPath(new URL('../../../focus/test/fixtures/', import.meta.url));
const CONFORMANT_12 = `${FIXTURES}focus-conformant-1.2.csv`;
const CONFORMANT_13 = `${FIXTURES}focus-conformant-1.3.csv`;
const CONTRACT_COMMITMENT_13 = `${FIXTURES}focus-contract-commitment-1.3.csv`;
const SPEC_EXAMPLE_12 = `${FIXTURES}focus-samples/focus-1.2_spec-example_commitment-discount-flexibility_2-resources.csv`;
const MODEL_13 = fileURLToPath(new URL('../../../focus/model/1.3/', import.meta.url));

const tmp = mkdtempSync(path.join(tmpdir(), 'consumo-focus-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

interface Run {
  stdout: string;
  exitCode: number | undefined;
  error?: unknown;
}

async function cli(...args: string[]): Promise<Run> {
  const program = new Command('consumo').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerFocusCommands(program);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    lines.push(values.map(String).join(' '));
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(['focus', 'validate', ...args], { from: 'user' });
    return { stdout: lines.join('\n'), exitCode: process.exitCode as number | undefined };
  } catch (error) {
    return { stdout: lines.join('\n'), exitCode: process.exitCode as number | undefined, error };
  } finally {
    log.mockRestore();
    process.exitCode = undefined;
  }
}

describe('FOCUS 1.2 and 1.3: the requirements model', () => {
  it('a conformant 1.2 file: one line per rule id, the summary, exit 0', async () => {
    const run = await cli(CONFORMANT_12);
    expect(run.error).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^PASS CAU-BilledCost-C-000-M \[model 1\.2-consumo\.1\] BilledCost adheres to the following requirements:$/m);
    expect(run.stdout).toMatch(/^PASS list-cost \[consumo\] ListCost = ListUnitPrice × PricingQuantity/m);
    expect(run.stdout).toMatch(/^SKIP CAU-CostAndUsage-D-001-O \[model 1\.2-consumo\.1\] AvailabilityZone SHOULD be present in a CostAndUsage dataset\. \(not applicable: AVAILABILITY_ZONE_SUPPORTED not declared\)$/m);
    expect(run.stdout).toMatch(/^SKIP CAU-PricingUnit-C-003-O .* \(skipped: check function FormatUnit not implemented\)$/m);
    expect(run.stdout).not.toMatch(/^FAIL/m);
    expect(run.stdout).toMatch(/conforms to FOCUS 1\.2 CostAndUsage \(model 1\.2-consumo\.1\): \d+ rules passed, 0 failed \(0 MUST, 0 SHOULD, 0 MAY\), \d+ skipped; 13 rows in/);
  });

  it('the 1.2 spec example: failures first with their first offending rows, exit 1', async () => {
    const run = await cli(SPEC_EXAMPLE_12, '--applicability', 'all');
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^FAIL error /);
    expect(run.stdout).toContain('FAIL error CAU-ConsumedQuantity-C-002-M [model 1.2-consumo.1] ConsumedQuantity MUST conform to NumericFormat requirements. — 1 of 3 rows\n    row 1: ConsumedQuantity="null"');
    expect(run.stdout).toContain('FAIL warning CAU-CostAndUsage-D-001-O');
    expect(run.stdout).toContain("FAIL error unknown-column [consumo] Columns that are not FOCUS columns start with x_.\n    row 0: SkuPriceid: 'SkuPriceid' is not a FOCUS 1.2 column");
    expect(run.stdout).toContain("FAIL error literal-null [consumo] A null is a null, not the text NULL or an empty string. — 3 findings\n    row 1: ConsumedQuantity: the text 'null' stands for a null");
    expect(run.stdout).toMatch(/does not conform to FOCUS 1\.2 CostAndUsage .*, \d+ failed \(\d+ MUST, 3 SHOULD, 0 MAY\)/);
  });

  it('--json prints the report as one object', async () => {
    const run = await cli(SPEC_EXAMPLE_12, '--applicability', 'all', '--json');
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as { file: string; conformant: boolean; rules: { id: string; status: string; source: string; firstFailures: unknown[] }[]; counts: Record<string, number> };
    expect(report).toMatchObject({ file: SPEC_EXAMPLE_12, version: '1.2', dataset: 'CostAndUsage', modelVersion: '1.2-consumo.1', conformant: false, rows: 3 });
    expect(report.rules.find((r) => r.id === 'CAU-ConsumedQuantity-C-002-M')).toMatchObject({ status: 'fail', failures: 1, firstFailures: [{ row: 1, values: { ConsumedQuantity: 'null' } }] });
    expect(report.rules.find((r) => r.id === 'literal-null')).toMatchObject({ source: 'consumo', status: 'fail' });
    expect(report.counts.fail).toBe(report.rules.filter((r) => r.status === 'fail').length);
  });

  it('--version 1.3 with both datasets', async () => {
    const cau = await cli(CONFORMANT_13, '--version', '1.3', '--json');
    expect(cau.exitCode).toBe(0);
    expect(JSON.parse(cau.stdout)).toMatchObject({ version: '1.3', dataset: 'CostAndUsage', conformant: true });
    const cc = await cli(CONTRACT_COMMITMENT_13, '--version', '1.3', '--dataset', 'ContractCommitment');
    expect(cc.exitCode).toBe(0);
    expect(cc.stdout).toMatch(/conforms to FOCUS 1\.3 ContractCommitment \(model 1\.3-consumo\.1\)/);
    // The Contract Commitment file is not a Cost and Usage one.
    const wrong = await cli(CONTRACT_COMMITMENT_13, '--version', '1.3');
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stdout).toMatch(/^FAIL error CAU-CostAndUsage-D-\d+-M .*BilledCost MUST be present/m);
  });

  it('--applicability narrows what is checked; --model takes another model, e.g. an assembled model-1.3.json', async () => {
    const none = await cli(CONFORMANT_13, '--version', '1.3', '--applicability', 'none', '--json');
    const consumo = await cli(CONFORMANT_13, '--version', '1.3', '--json');
    expect(JSON.parse(none.stdout).counts.skipped).toBeGreaterThan(JSON.parse(consumo.stdout).counts.skipped);
    const fc = await import('@consumo/focus');
    const assembled = path.join(tmp, 'model-1.3.json');
    writeFileSync(assembled, JSON.stringify({ ...fc.loadModelFolder(MODEL_13), Details: { ModelVersion: '1.3.0.3-test', FOCUSVersion: '1.3' } }));
    const run = await cli(CONFORMANT_13, '--version', '1.3', '--model', assembled, '--json');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ modelVersion: '1.3.0.3-test', rules: expect.arrayContaining([expect.objectContaining({ source: 'model 1.3.0.3-test' })]) });
  });
});

describe('FOCUS 1.0: the hand-written checker', () => {
  it('one line per violation and the summary', async () => {
    const header = readFileSync(CONFORMANT_12, 'utf8').split('\n')[0]!;
    const file = path.join(tmp, 'header-only.csv');
    writeFileSync(file, `${header}\n`);
    const run = await cli(file, '--version', '1.0');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^row 0, column \w+: '\w+' is not a FOCUS 1\.0 column .*\[unknown-column\]$/m);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['--version', '1.1'], /--version must be 1\.0, 1\.2, 1\.3, got '1\.1'/],
    [['--dataset', 'Invoices'], /--dataset must be CostAndUsage or ContractCommitment/],
    [['--dataset', 'ContractCommitment'], /has no dataset ContractCommitment/],
    [['--applicability', 'REGION_SUPORTED'], /unknown applicability criteria REGION_SUPORTED/],
    [['--version', '1.0', '--applicability', 'all'], /FOCUS 1\.0 has no requirements model/],
    [['--model', '/nonexistent/model-1.2.json'], /cannot read the requirements model/],
    [['--version', '1.3', '--model', fileURLToPath(new URL('../../../focus/model/1.2/', import.meta.url))], /is for FOCUS 1\.2, not 1\.3/],
  ])('%j', async (args, message) => {
    const run = await cli(CONFORMANT_12, ...args);
    expect(run.error).toBeInstanceOf(UsageError);
    expect((run.error as Error).message).toMatch(message);
  });

  it('an unreadable file', async () => {
    const run = await cli(path.join(tmp, 'absent.csv'));
    expect(run.error).toBeInstanceOf(UsageError);
  });

  it('a missing FILE is a commander error with exit code 2', async () => {
    const program = new Command('consumo').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerFocusCommands(program);
    const error = await program.parseAsync(['focus', 'validate'], { from: 'user' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).exitCode).toBe(2);
  });
});
