/** `consumo keys import|list`: the provider's subscription key catalog over HTTP (role platform-admin). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CsvError, parse } from 'csv-parse/sync';
import { ConsumoApiError, unwrap, type paths } from '@consumo/sdk';
import { UsageError, connect } from '../connection.js';
import { printJson, printTable } from '../output.js';

type ImportBody = paths['/admin/v1/subscription-keys']['post']['requestBody']['content']['application/json'];
type KeyInput = ImportBody['keys'][number];

/** The API's own limit per request. */
export const MAX_BATCH = 1000;
const REQUIRED = ['key', 'sku', 'skuDescription', 'subscriptionType', 'tier', 'productType', 'quantity', 'startTime', 'endTime'] as const;
const OPTIONAL = ['tierDescription', 'isEval', 'status', 'contract', 'quote', 'po', 'resellerPo', 'endUserName', 'orderClass'] as const;
const COLUMNS = new Set<string>([...REQUIRED, ...OPTIONAL]);

interface Row {
  /** The CSV line the record starts on (1 is the header). */
  line: number;
  key: KeyInput;
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

/**
 * A CSV record as the API's key object: required columns as written (an empty cell is the
 * API's to report), optional ones left out when empty, isEval read as a boolean where it is one.
 */
function toKey(record: Record<string, string>): KeyInput {
  const key: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record)) {
    if (value === '' && !(REQUIRED as readonly string[]).includes(column)) continue;
    key[column] = column === 'isEval' ? (BOOLEAN_WORDS[value.toLowerCase()] ?? value) : value;
  }
  // Values the API refuses (a quantity of "ten", an isEval of "maybe") are sent as they are, so
  // that its 400 names them and the line they came from.
  return key as unknown as KeyInput;
}

function readCsv(file: string): Row[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const checkHeader = (header: string[]) => {
    const unknown = header.filter((c) => !COLUMNS.has(c));
    if (unknown.length) throw new UsageError(`${file}: unknown column(s) ${unknown.join(', ')}; columns: ${[...COLUMNS].join(', ')}`);
    const twice = header.filter((c, i) => header.indexOf(c) !== i);
    if (twice.length) throw new UsageError(`${file}: column(s) named twice: ${[...new Set(twice)].join(', ')}`);
    const missing = REQUIRED.filter((c) => !header.includes(c));
    if (missing.length) throw new UsageError(`${file}: missing column(s) ${missing.join(', ')}`);
    return header;
  };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: checkHeader, info: true, bom: true, trim: true, skip_empty_lines: true });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (err instanceof CsvError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
  return records.map(({ record, info }) => ({
    // info.lines is where the record ends; a quoted value may span lines.
    line: info.lines - Object.values(record).reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0),
    key: toKey(record),
  }));
}

interface ErrorBody {
  errorDetails?: { type: string; issues?: { subject: string; description?: string }[]; metadata?: { conflicts?: { key: string; index: number; fields: string[] }[] } }[];
}

/** Prints each issue of a failed batch at the CSV line of the row it names (`keys[i].field` → row i of the batch). */
function reportFailure(file: string, rows: readonly Row[], error: ConsumoApiError): void {
  const body = error.body as ErrorBody | undefined;
  const lineOf = (index: number) => rows[index]?.line;
  for (const detail of body?.errorDetails ?? []) {
    for (const issue of detail.issues ?? []) {
      const m = /^keys\[(\d+)\](?:\.(.+))?$/.exec(issue.subject);
      const line = m ? lineOf(Number(m[1])) : undefined;
      const where = line === undefined ? file : `${file}:${line}`;
      console.error(`${where}: ${m ? (m[2] ?? 'row') : issue.subject}: ${issue.description ?? 'invalid'}`);
    }
    for (const c of detail.metadata?.conflicts ?? []) {
      console.error(`${file}:${lineOf(c.index) ?? '?'}: key ${c.key} is already in the catalog with a different ${c.fields.join(', ')}`);
    }
  }
}

interface ListOpts {
  free?: boolean;
  filter?: string;
  sort?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description("the provider's subscription key catalog: issue keys, list them (role platform-admin)");

  keys
    .command('import <file>')
    .description(
      'issue the keys of a CSV file whose header names the API fields (key,sku,skuDescription,subscriptionType,tier,productType,quantity,startTime,endTime,…); ' +
        're-running it is safe: keys already issued with the same data count as unchanged',
    )
    .option('--batch-size <n>', `keys per request (1..${MAX_BATCH})`, String(MAX_BATCH))
    .action(async (file: string, opts: { batchSize: string }) => {
      const size = Number(opts.batchSize);
      if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) throw new UsageError(`--batch-size must be a whole number in 1..${MAX_BATCH}`);
      const rows = readCsv(file);
      if (rows.length === 0) throw new UsageError(`${file}: no keys below the header`);
      const client = connect();
      const total = { created: 0, unchanged: 0 };
      for (let start = 0, batch = 1; start < rows.length; start += size, batch++) {
        const part = rows.slice(start, start + size);
        const range = `lines ${part[0]!.line}-${part.at(-1)!.line}`;
        const result = await client.POST('/admin/v1/subscription-keys', { body: { keys: part.map((r) => r.key) } });
        if (!result.response.ok) {
          const error = new ConsumoApiError(result.response.status, result.error);
          reportFailure(file, part, error);
          if (start > 0) {
            console.error(
              `lines ${rows[0]!.line}-${rows[start - 1]!.line} were imported, lines ${part[0]!.line} on were not; ` +
                'fix the file and import it again (keys already imported count as unchanged).',
            );
          }
          const body = result.error as { errorDetails?: unknown } | undefined;
          // The issues are printed above, line by line; the message need not repeat them.
          throw new ConsumoApiError(error.status, { ...body, errorDetails: [] });
        }
        const { created, unchanged } = unwrap(result);
        total.created += created;
        total.unchanged += unchanged;
        console.log(`batch ${batch} (${range}): created ${created}, unchanged ${unchanged}`);
      }
      console.log(`total: created ${total.created}, unchanged ${total.unchanged}`);
    });

  keys
    .command('list')
    .description('list the catalog, across workspaces: who holds each key (claimedBy), or nobody')
    .option('--free', 'only keys a workspace can claim now: unclaimed, not expired, started')
    .option('--filter <expr>', "e.g. \"subscriptionType eq 'CENTRAL_AP' and endTime gt '2027-01-01T00:00:00Z'\"")
    .option('--sort <list>', "e.g. 'endTime desc'")
    .option('--limit <n>', 'items per page (0..1000, default 100)')
    .option('--offset <n>', 'items to skip')
    .option('--json', 'print the whole page as JSON')
    .action(async (o: ListOpts) => {
      // Free means claimable now, by the server's clock: unclaimed, not expired, started.
      const filter = o.free ? (o.filter ? `(${o.filter}) and claimable eq true` : 'claimable eq true') : o.filter;
      const query = {
        ...(filter !== undefined && { filter }),
        ...(o.sort !== undefined && { sort: o.sort }),
        ...(o.limit !== undefined && { limit: Number(o.limit) }),
        ...(o.offset !== undefined && { offset: Number(o.offset) }),
      };
      const page = unwrap(await connect().GET('/admin/v1/subscription-keys', { params: { query } }));
      if (o.json) return printJson(page);
      printTable(page.items, ['key', 'sku', 'subscriptionType', 'tier', 'quantity', 'endTime', 'claimedBy']);
      console.log(`${page.count} of ${page.total}`);
    });
}
