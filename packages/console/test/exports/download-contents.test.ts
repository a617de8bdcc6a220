import { ConsumoApiError } from '@consumo/sdk';
import { describe, expect, it } from 'vitest';
import {
  type DownloadProgress,
  bytesText,
  contentsUrl,
  downloadContents,
  expectedLength,
  fileNameOf,
  progressText,
} from '../../src/exports/download-contents.js';

const ID = '00000000-0000-4000-8000-000000000001';

/** A body that arrives in these chunks. */
function chunked(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
}

describe('the download file name', () => {
  it('is the name Content-Disposition gives, never a path', () => {
    expect(fileNameOf('attachment; filename="focus-export-2026-11.csv"', 'x.csv')).toBe('focus-export-2026-11.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''co%C3%BBts.csv", 'x.csv')).toBe('coûts.csv');
    expect(fileNameOf('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('passwd');
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
  });
});

describe('the download progress', () => {
  it('expects Content-Length only when the body is not encoded', () => {
    expect(expectedLength(new Headers({ 'content-length': '2048' }))).toBe(2048);
    expect(expectedLength(new Headers({ 'content-length': '2048', 'content-encoding': 'gzip' }))).toBeUndefined();
    expect(expectedLength(new Headers())).toBeUndefined();
  });

  it('says the bytes received, and the percentage when the size is known', () => {
    expect(bytesText(1)).toBe('1 byte');
    expect(bytesText(1536)).toBe('1.5 KB');
    expect(progressText({ received: 512 })).toBe('512 bytes received');
    expect(progressText({ received: 1536, total: 3072 })).toBe('1.5 KB of 3.0 KB received (50 %)');
  });
});

describe('downloading the contents', () => {
  it('asks for the range and counts each chunk as it arrives, then names the file as the server does', async () => {
    const asked: string[] = [];
    const seen: DownloadProgress[] = [];
    const fetchImpl = (async (url: string) => {
      asked.push(url);
      return new Response(chunked(['BillingAccountId,', 'BilledCost\n', 'a,1\n']), {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="all-usage.csv"', 'content-length': '32' },
      });
    }) as unknown as typeof fetch;
    const outcome = await downloadContents(ID, { kind: 'days', startDate: '2026-11-01', endDate: '2026-11-30' }, (p) => seen.push(p), { fetchImpl });
    expect(asked).toEqual([contentsUrl(ID, { kind: 'days', startDate: '2026-11-01', endDate: '2026-11-30' })]);
    expect(asked[0]).toBe(`/consumption-analytics/v1beta1/focus-exports/${ID}/contents?startDate=2026-11-01&endDate=2026-11-30`);
    expect(seen.map((p) => p.received)).toEqual([0, 17, 28, 32]);
    expect(seen.every((p) => p.total === 32)).toBe(true);
    expect(outcome.kind).toBe('file');
    if (outcome.kind !== 'file') return;
    expect(outcome.fileName).toBe('all-usage.csv');
    expect(outcome.bytes).toBe(32);
    expect(await outcome.blob.text()).toBe('BillingAccountId,BilledCost\na,1\n');
  });

  it('says a 204 is nothing in the range', async () => {
    const fetchImpl = (async () => new Response(null, { status: 204 })) as unknown as typeof fetch;
    await expect(downloadContents(ID, { kind: 'relative', relativeDate: 'YESTERDAY' }, () => {}, { fetchImpl })).resolves.toEqual({ kind: 'empty' });
  });

  it('throws a 400 with the server’s body, debugId included', async () => {
    const body = { httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST', message: 'Bad range', debugId: 'dbg-1' };
    const fetchImpl = (async () => new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
    const error = await downloadContents(ID, { kind: 'relative', relativeDate: 'YESTERDAY' }, () => {}, { fetchImpl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsumoApiError);
    expect((error as ConsumoApiError).status).toBe(400);
    expect((error as ConsumoApiError).body).toEqual(body);
  });
});
