/** The ingest of a file against a fake server: batches, IN_FLIGHT at a time, checkpoints, resume, refusal, broken lines, retries. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ConsumoClient } from '@consumo/sdk';
import { IN_FLIGHT, type IngestFileOptions, ingestFile } from '../../src/ingest/ingest-file.js';
import { readCheckpoint, writeCheckpoint } from '../../src/ingest/ingest-checkpoint.js';

const dir = mkdtempSync(path.join(tmpdir(), 'consumo-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** An NDJSON file of `n` events (ids e1..en); `broken` lines are replaced by text that is not JSON. */
function ndjson(n: number, broken: number[] = []): string {
  const file = path.join(dir, `f${++files}.ndjson`);
  const lines = Array.from({ length: n }, (_, i) =>
    broken.includes(i + 1) ? '{oops' : JSON.stringify({ specversion: '1.0', id: `e${i + 1}`, source: 's', type: 't', subject: 'vm', time: '2026-04-15T10:00:00Z', data: {} }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

const accept = (_: number, ids: string[]): Answer => ({ status: 202, body: { accepted: ids.length, duplicates: 0 } });

/**
 * A client whose POST records each batch's ids, calls `onSend(batchNumber)` at once, and a moment
 * later answers with `answer(batchNumber, ids)`: 202 by default.
 */
function fakeServer(answer: (n: number, ids: string[]) => Answer | Promise<Answer> = accept, onSend?: (n: number) => void) {
  const batches: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    POST: vi.fn(async (_path: string, init: { body: { id: string }[]; headers: Record<string, string> }) => {
      expect(init.headers['content-type']).toBe('application/cloudevents-batch+json');
      const ids = init.body.map((e) => e.id);
      const n = batches.push(ids);
      onSend?.(n);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await sleep(5);
        const a = await answer(n, ids);
        if (a instanceof Error) throw a;
        const response = new Response(JSON.stringify(a.body ?? {}), { status: a.status, headers: a.headers });
        return a.status < 400 ? { data: a.body, response } : { error: a.body, response };
      } finally {
        inFlight--;
      }
    }),
  };
  return { client: client as unknown as ConsumoClient, batches, maxInFlight: () => maxInFlight };
}

function options(file: string, client: ConsumoClient, extra: Partial<IngestFileOptions> = {}): IngestFileOptions & { notes: string[] } {
  const notes: string[] = [];
  const info = statSync(file);
  return {
    client,
    file,
    version: { size: info.size, mtimeMs: info.mtimeMs },
    format: 'ndjson',
    batchSize: 10,
    checkpointPath: `${file}.consumo-checkpoint`,
    restart: false,
    view: { update: () => {}, stop: () => {} },
    note: (m) => notes.push(m),
    notes,
    ...extra,
  };
}

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `e${from + i}`);

describe('ingestFile', () => {
  it('sends the file in batches, IN_FLIGHT at a time, checkpoints each acknowledged batch and deletes the checkpoint at the end', async () => {
    expect(IN_FLIGHT).toBeGreaterThan(1);
    const full = IN_FLIGHT + 2;
    const file = ndjson(full * 10 + 5);
    const seen: (number | undefined)[] = [];
    const server = fakeServer(accept, (n) => {
      // What the checkpoint said when batch n was sent.
      const checkpoint = `${file}.consumo-checkpoint`;
      seen[n] = existsSync(checkpoint) ? (JSON.parse(readFileSync(checkpoint, 'utf8')) as { line: number }).line : undefined;
    });
    const o = options(file, server.client);
    const updates: number[] = [];
    o.view = { update: (p) => updates.push(p.line), stop: () => {} };
    const outcome = await ingestFile(o);
    const last = full * 10 + 5;
    expect(outcome).toMatchObject({ status: 'done', run: { events: last, accepted: last, duplicates: 0 }, startLine: 1, line: last });
    const ends = [...Array.from({ length: full }, (_, k) => (k + 1) * 10), last];
    expect(server.batches).toEqual(ends.map((end, k) => ids(k * 10 + 1, end)));
    expect(server.maxInFlight()).toBe(IN_FLIGHT);
    expect(updates).toEqual(ends);
    // Batches 1..IN_FLIGHT go out together; batch IN_FLIGHT + k once batch k is recorded, in file order.
    expect(seen.slice(1)).toEqual([...Array.from({ length: IN_FLIGHT }, () => undefined), ...ends.slice(0, ends.length - IN_FLIGHT)]);
    expect(await readCheckpoint(o.checkpointPath)).toEqual({ status: 'none' });
    expect(o.notes).toEqual([]);
  });

  it('resumes after the lines a matching checkpoint covers, adding the earlier totals', async () => {
    const file = ndjson(25);
    const o = options(file, fakeServer().client);
    await writeCheckpoint(o.checkpointPath, { version: 1, file, ...o.version, line: 10, events: 10, accepted: 8, duplicates: 2, updatedAt: '' });
    const server = fakeServer();
    const outcome = await ingestFile({ ...o, client: server.client });
    expect(server.batches).toEqual([ids(11, 20), ids(21, 25)]);
    expect(outcome).toMatchObject({ status: 'done', startLine: 11, run: { events: 15, accepted: 15 }, overall: { events: 25, accepted: 23, duplicates: 2 } });
    expect(o.notes).toEqual([expect.stringMatching(/^resuming at line 11: lines 1-10 were sent before \(10 events\)/)]);
  });

  it('starts at line 1 with --restart, or when the checkpoint is for another version of the file, and says why', async () => {
    const file = ndjson(5);
    const o = options(file, fakeServer().client);
    const stale = { version: 1 as const, file, size: o.version.size, mtimeMs: o.version.mtimeMs - 1000, line: 3, events: 3, accepted: 3, duplicates: 0, updatedAt: '' };
    await writeCheckpoint(o.checkpointPath, stale);
    const server = fakeServer();
    expect(await ingestFile({ ...o, client: server.client })).toMatchObject({ status: 'done', startLine: 1 });
    expect(server.batches).toEqual([ids(1, 5)]);
    expect(o.notes).toEqual([expect.stringContaining('is for another version of')]);

    await writeCheckpoint(o.checkpointPath, { ...stale, mtimeMs: o.version.mtimeMs });
    const again = fakeServer();
    const restarted = options(file, again.client, { restart: true });
    expect(await ingestFile(restarted)).toMatchObject({ status: 'done', startLine: 1 });
    expect(again.batches).toEqual([ids(1, 5)]);
    expect(restarted.notes).toEqual([]);
  });

  it('stops at a refused batch: its events mapped to lines, the checkpoint at the batch before, the ones on their way reported', async () => {
    const file = ndjson((IN_FLIGHT + 4) * 10);
    const refusal = { errorDetails: [{ issues: [{ source: 'field', subject: '[3].time', description: 'bad' }] }] };
    const server = fakeServer((n, batch) => (n === 2 ? { status: 400, body: refusal } : accept(n, batch)));
    const o = options(file, server.client);
    const outcome = await ingestFile(o);
    expect(outcome).toMatchObject({ status: 'refused', line: 10, body: refusal, run: { events: 10 } });
    if (outcome.status !== 'refused') throw new Error('unreachable');
    expect(outcome.lines).toEqual(Array.from({ length: 10 }, (_, i) => 11 + i));
    // Batches 1..IN_FLIGHT went out at once, batch IN_FLIGHT + 1 when batch 1 was recorded: all but 1 and 2 were on their way.
    expect(outcome.alsoSent.map((a) => [a.batch.events[0]!.line, a.answer])).toEqual(
      Array.from({ length: IN_FLIGHT - 1 }, (_, k) => [(k + 2) * 10 + 1, { kind: 'accepted', accepted: 10, duplicates: 0 }]),
    );
    expect(server.batches).toHaveLength(IN_FLIGHT + 1);
    expect(await readCheckpoint(o.checkpointPath)).toMatchObject({ status: 'found', checkpoint: { line: 10, events: 10 } });
  });

  it('does not send the batch holding a broken line; what came before is sent and checkpointed', async () => {
    const file = ndjson(40, [27]);
    const server = fakeServer();
    const o = options(file, server.client);
    const outcome = await ingestFile(o);
    expect(outcome).toMatchObject({ status: 'broken', line: 20, broken: { count: 1, problems: [{ line: 27 }] } });
    expect(server.batches).toEqual([ids(1, 10), ids(11, 20)]);
    expect(await readCheckpoint(o.checkpointPath)).toMatchObject({ status: 'found', checkpoint: { line: 20 } });
  });

  it('waits out a 429 and rides out a dropped connection, sending the batch again', async () => {
    const file = ndjson(3);
    let calls = 0;
    const server = fakeServer((_, batch) => {
      calls++;
      if (calls === 1) return { status: 429, body: {}, headers: { 'x-ratelimit-reset': '1' } };
      if (calls === 2) return new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return { status: 202, body: { accepted: batch.length, duplicates: 0 } };
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let printed: string[];
    try {
      expect(await ingestFile(options(file, server.client))).toMatchObject({ status: 'done', run: { events: 3, accepted: 3 } });
    } finally {
      printed = errors.mock.calls.map((c) => String(c[0]));
      errors.mockRestore();
    }
    expect(server.batches).toEqual([ids(1, 3), ids(1, 3), ids(1, 3)]);
    expect(printed).toEqual([
      'consumo: rate limited; retrying in 1 s',
      'consumo: connection failed sending lines 1-3 (ECONNRESET); retry 1 of 5 in 0.5 s',
    ]);
  });

  it('reports another API error as failed, with the checkpoint where it was', async () => {
    const file = ndjson(30);
    const server = fakeServer((n, batch) => (n === 3 ? { status: 500, body: { message: 'boom' } } : accept(n, batch)));
    const outcome = await ingestFile(options(file, server.client));
    expect(outcome).toMatchObject({ status: 'failed', line: 20, error: { name: 'ConsumoApiError', status: 500 } });
  });
});
