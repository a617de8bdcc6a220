/** Batching: by count and by bytes; a broken line ends the batches with the problems of its batch; issues put back on lines. */
import { describe, expect, it } from 'vitest';
import { formatIssue, issuesByLine } from '../../src/ingest/batch-issues.js';
import { type BrokenBatch, type EventBatch, MAX_REPORTED_PROBLEMS, eventBatches } from '../../src/ingest/event-batches.js';
import type { FileItem } from '../../src/ingest/event-file-reader.js';

const ev = (line: number, size = 10): FileItem => ({ kind: 'event', line, endLine: line, event: { id: `e${line}` }, size });
const problem = (line: number): FileItem => ({ kind: 'problem', line, message: `bad ${line}` });

async function* from(items: FileItem[]): AsyncGenerator<FileItem> {
  yield* items;
}

async function collect(items: FileItem[], size: number, maxBytes?: number) {
  const out: (EventBatch | BrokenBatch)[] = [];
  for await (const b of eventBatches(from(items), { size, maxBytes })) out.push(b);
  return out.map((b) => (b.kind === 'batch' ? b.events.map((e) => e.line) : { broken: b.problems.map((p) => p.line), count: b.count }));
}

describe('eventBatches', () => {
  it('cuts batches of the given size, the last one shorter', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ev(i + 1));
    expect(await collect(items, 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(await collect([], 3)).toEqual([]);
  });

  it('cuts a batch early when the next event would pass the byte limit', async () => {
    expect(await collect([ev(1, 40), ev(2, 40), ev(3, 40), ev(4, 200)], 10, 100)).toEqual([[1, 2], [3], [4]]);
  });

  it('stops at the batch holding a broken line: earlier batches come out, then its problems, nothing after', async () => {
    const items = [ev(1), ev(2), ev(3), ev(4), ev(5), problem(6), ev(7), problem(8), problem(9), ev(10), ev(11)];
    expect(await collect(items, 4)).toEqual([[1, 2, 3, 4], { broken: [6, 8], count: 2 }]);
    expect(await collect(items, 3)).toEqual([[1, 2, 3], { broken: [6], count: 1 }]);
  });

  it('reports at most the first problems of a batch, counting all', async () => {
    const items = Array.from({ length: 50 }, (_, i) => problem(i + 1));
    const [broken] = await collect(items, 1000);
    expect(broken).toEqual({ broken: Array.from({ length: MAX_REPORTED_PROBLEMS }, (_, i) => i + 1), count: 50 });
  });
});

describe('issuesByLine', () => {
  const body = {
    errorCode: 'HPE_GL_ERROR_BAD_REQUEST',
    errorDetails: [
      {
        type: 'hpe.greenlake.bad_request',
        issues: [
          { source: 'field', subject: '[0].time', description: 'bad time' },
          { source: 'field', subject: '[2].data.quantity', description: 'not a number' },
          { source: 'field', subject: '[2]', description: 'An event must be a JSON object.' },
          { source: 'field', subject: 'body', description: 'too big' },
          { source: 'field', subject: '[9].id', description: 'out of range' },
        ],
      },
    ],
  };

  it('maps [index].field to the line of the index-th event of the batch', () => {
    const issues = issuesByLine(body, [17, 18, 21]);
    expect(issues).toEqual([
      { line: 17, field: 'time', description: 'bad time' },
      { line: 21, field: 'data.quantity', description: 'not a number' },
      { line: 21, field: '', description: 'An event must be a JSON object.' },
      { field: 'body', description: 'too big' },
      { field: '[9].id', description: 'out of range' },
    ]);
    expect(issues.map((i) => formatIssue('f.ndjson', i))).toEqual([
      'f.ndjson:17: time: bad time',
      'f.ndjson:21: data.quantity: not a number',
      'f.ndjson:21: An event must be a JSON object.',
      'f.ndjson: body: too big',
      'f.ndjson: [9].id: out of range',
    ]);
  });

  it('copes with bodies that are not GreenLake errors', () => {
    expect(issuesByLine(undefined, [1])).toEqual([]);
    expect(issuesByLine('text', [1])).toEqual([]);
  });
});
