/**
 * `consumo exports manifest` and `consumo exports fetch`: an export run's manifests, and its files
 * copied from the server into a local directory laid out as the server's (`BILLING_PERIOD=YYYY-MM/`
 * with the parts, the FOCUS metadata file and `manifest.json`). Each file is streamed to FILE.part,
 * its size and SHA-256 checked against the manifest, then renamed: a file that arrives short, long
 * or different leaves nothing behind under its name.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ConsumoApiError, type ConsumoClient, type paths } from '@consumo/sdk';
import { call, retryConnection, waitOutRateLimit } from '../api-retry.js';
import { UsageError } from '../connection.js';
import { PART_SUFFIX } from './download-file.js';
import { undecodedFetch } from './undecoded-fetch.js';

const BASE = '/consumption-analytics/v1beta1/focus-exports';

export type RunManifest =
  paths['/consumption-analytics/v1beta1/focus-exports/{id}/runs/{runId}/manifest']['get']['responses'][200]['content']['application/json'];
type Period = RunManifest['periods'][number];

/** The run's manifests; a 404 (unknown export or run, or nothing written yet) says so in words. */
export async function runManifest(client: ConsumoClient, id: string, runId: string): Promise<RunManifest> {
  return retryConnection(
    () =>
      call(() =>
        client.GET(`${BASE}/{id}/runs/{runId}/manifest`, { params: { path: { id, runId } } }).then((res) => {
          if (res.response.status === 404) {
            throw new UsageError(`no manifest for run ${runId} of export ${id}: unknown export or run in this workspace, or the run has written no billing period yet`);
          }
          if (res.response.status === 400) throw new UsageError(`the server refused the request: ${new ConsumoApiError(400, res.error).message}`);
          return res;
        }),
      ),
    { what: `reading the manifest of run ${runId}` },
  );
}

/** One line per billing period: state, rows, bytes, files (or who replaced it). */
export function manifestLines(manifest: RunManifest): string[] {
  return manifest.periods.map((p) => {
    if (p.state === 'written' && p.manifest) {
      const m = p.manifest;
      return `${p.billingPeriod}\twritten\t${m.rows} rows\t${m.bytes} bytes\t${m.files.length} files (${m.format}${m.compression === 'gzip' ? ', gzip' : ''})`;
    }
    if (p.state === 'replaced') return `${p.billingPeriod}\treplaced by run ${p.replacedBy ?? '?'}`;
    return `${p.billingPeriod}\tmissing (no readable manifest on the server)`;
  });
}

export interface FetchedFile {
  file: string;
  bytes: number;
}

/** Streams one response body to FILE.part, hashing it, and renames it to FILE when its size and SHA-256 are the manifest's. */
async function writeChecked(body: ReadableStream<Uint8Array>, file: string, expected: { bytes: number; sha256: string }): Promise<void> {
  const part = `${file}${PART_SUFFIX}`;
  const handle = await open(part, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of Readable.fromWeb(body as WebReadableStream<Uint8Array>)) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      await handle.write(buffer);
    }
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(part, { force: true });
    throw err;
  }
  const sha256 = hash.digest('hex');
  if (bytes !== expected.bytes || sha256 !== expected.sha256) {
    await rm(part, { force: true });
    throw new Error(`${path.basename(file)}: received ${bytes} bytes with SHA-256 ${sha256}, the manifest says ${expected.bytes} bytes, ${expected.sha256}; not written`);
  }
  await rename(part, file);
}

/** Downloads one listed file of a written period. */
async function fetchFile(client: ConsumoClient, id: string, runId: string, period: Period, name: string, file: string, expected: { bytes: number; sha256: string }) {
  const { response } = await retryConnection(
    () =>
      waitOutRateLimit(() =>
        client.GET(`${BASE}/{id}/runs/{runId}/files/{billingPeriod}/{name}`, {
          params: { path: { id, runId, billingPeriod: period.billingPeriod, name } },
          parseAs: 'stream',
          // As written: a .csv.gz part stays gzip, whatever the transport does.
          fetch: undecodedFetch,
        }),
      ),
    { what: `requesting ${period.billingPeriod}/${name}` },
  );
  if (response.status === 404) {
    await response.body?.cancel();
    throw new Error(`${period.billingPeriod}/${name}: no longer on the server (a later run replaced the period, or its files were removed)`);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    throw new ConsumoApiError(response.status, text ? safeJson(text) : undefined);
  }
  await writeChecked(response.body, file, expected);
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export interface FetchOutcome {
  files: FetchedFile[];
  /** Periods not fetched, with why: replaced, missing, or a file that failed. */
  problems: string[];
}

/**
 * Copies every file of every written period into DIR/BILLING_PERIOD=YYYY-MM/ (the parts, the FOCUS
 * metadata file, then the period's manifest.json as the server reported it). A replaced or missing
 * period, or a file that fails, is a problem named in the outcome; the other periods are still fetched.
 */
export async function fetchRunFiles(client: ConsumoClient, id: string, runId: string, dir: string, onFile?: (f: FetchedFile) => void): Promise<FetchOutcome> {
  const manifest = await runManifest(client, id, runId);
  const outcome: FetchOutcome = { files: [], problems: [] };
  for (const period of manifest.periods) {
    if (period.state !== 'written' || !period.manifest) {
      outcome.problems.push(
        period.state === 'replaced'
          ? `${period.billingPeriod}: replaced by run ${period.replacedBy ?? '?'}, its files are that run's now`
          : `${period.billingPeriod}: missing on the server (no readable manifest)`,
      );
      continue;
    }
    const periodDir = path.join(dir, `BILLING_PERIOD=${period.billingPeriod}`);
    mkdirSync(periodDir, { recursive: true });
    const listed = [...period.manifest.files, ...(period.manifest.metadata ? [period.manifest.metadata] : [])];
    try {
      for (const f of listed) {
        // The server lists plain names only; anything else is refused here too, never written outside DIR.
        if (path.basename(f.name) !== f.name || f.name.startsWith('.')) throw new Error(`${period.billingPeriod}: the manifest lists '${f.name}', not a plain file name`);
        const file = path.join(periodDir, f.name);
        await fetchFile(client, id, runId, period, f.name, file, f);
        const done = { file, bytes: f.bytes };
        outcome.files.push(done);
        onFile?.(done);
      }
      writeFileSync(path.join(periodDir, 'manifest.json'), `${JSON.stringify(period.manifest, null, 2)}\n`);
    } catch (err) {
      if (err instanceof UsageError || err instanceof ConsumoApiError) throw err;
      outcome.problems.push((err as Error).message);
    }
  }
  return outcome;
}
