/** Streams the CloudEvents of an NDJSON or CSV file, each with the lines it came from; never holds the whole file. */
import { createReadStream, type ReadStream } from 'node:fs';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { csvEvent, csvLayout, type CsvLayout } from './csv-events.js';

export type EventFormat = 'ndjson' | 'csv';
export const EVENT_FORMATS: readonly EventFormat[] = ['ndjson', 'csv'];

const EXTENSIONS: Record<string, EventFormat> = { '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv' };

/** The format a file name's extension stands for (.ndjson, .jsonl, .csv), if any. */
export function formatOf(file: string): EventFormat | undefined {
  return EXTENSIONS[path.extname(file).toLowerCase()];
}

export interface FileEvent {
  kind: 'event';
  /** The line the event starts on (1-based). */
  line: number;
  /** The line it ends on: a quoted CSV value may span lines. Lines up to here are done once it is sent. */
  endLine: number;
  event: Record<string, unknown>;
  /** The JSON text the event was read from (NDJSON), sent as it is rather than written again from `event`. */
  json?: string;
  /** Roughly the bytes it takes in a request body. */
  size: number;
}

export interface FileProblem {
  kind: 'problem';
  line: number;
  message: string;
}

export type FileItem = FileEvent | FileProblem;

export interface ReadOptions {
  /** Lines 1..afterLine were sent before: they are read past, not parsed into events. */
  afterLine?: number;
}

export interface EventFileReader {
  /** Events and problems, in file order. A CSV file whose structure breaks ends with its problem. */
  items: AsyncIterable<FileItem>;
  /** Bytes read from the file so far (a little ahead of the items handed out). */
  bytesRead(): number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The lines of a text stream, split as readline splits them — a line ends at `\n`, `\r\n` or a lone
 * `\r`; a last line without a break counts; no empty line follows a final break — a chunk's lines
 * at a time (ADR 0031: readline's events and its async iterator, one promise per line, cost
 * `consumo ingest` more CPU than parsing the line).
 */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + chunk;
    const lines: string[] = [];
    let start = 0;
    if (text.indexOf('\r') === -1) {
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        lines.push(text.slice(start, end));
        start = end + 1;
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
          lines.push(text.slice(start, i));
          start = i + 1;
        } else if (c === 13) {
          // A \r that ends the chunk waits for the next one: a \n there makes the two one break.
          if (i + 1 === text.length) break;
          lines.push(text.slice(start, i));
          if (text.charCodeAt(i + 1) === 10) i++;
          start = i + 1;
        }
      }
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/** One CloudEvent JSON object per line; blank lines are skipped. */
async function* ndjsonItems(stream: ReadStream, afterLine: number): AsyncGenerator<FileItem> {
  stream.setEncoding('utf8');
  let line = 0;
  try {
    for await (const lines of textLines(stream as AsyncIterable<string>)) {
      for (const raw of lines) {
        line++;
        if (line <= afterLine) continue;
        const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
        if (text === '') continue;
        let event: unknown;
        try {
          event = JSON.parse(text);
        } catch (err) {
          yield { kind: 'problem', line, message: `not valid JSON (${(err as Error).message})` };
          continue;
        }
        if (!isObject(event)) yield { kind: 'problem', line, message: 'not a JSON object (one CloudEvent per line)' };
        else yield { kind: 'event', line, endLine: line, event, json: text, size: text.length };
      }
    }
  } finally {
    stream.destroy();
  }
}

const BREAK_CHARS = /[\r\n]/g;

/**
 * A header row, then one event per row (see csv-events.ts). Lines are csv-parse's count, which takes
 * a CRLF inside a quoted value for two lines: in a CRLF file, lines after such a value are one off.
 */
async function* csvItems(stream: ReadStream, afterLine: number): AsyncGenerator<FileItem> {
  // Arrays, not objects: the header is read here so that its problems come out with line 1.
  const parser = stream.pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, skip_records_with_empty_values: true, relax_column_count: true, info: true }),
  );
  let layout: CsvLayout | undefined;
  let endOfLast = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const endLine = info.lines;
      // A record starts as many lines before its end as its (quoted) values hold line breaks.
      let breaks = 0;
      let size = 0;
      for (const value of record) {
        breaks += value.match(BREAK_CHARS)?.length ?? 0;
        size += value.length + 16;
      }
      const line = endLine - breaks;
      endOfLast = endLine;
      if (!layout) {
        const read = csvLayout(record);
        if (typeof read === 'string') {
          yield { kind: 'problem', line, message: `header: ${read}` };
          return;
        }
        layout = read;
        continue;
      }
      if (endLine <= afterLine) continue;
      const event = csvEvent(layout, record);
      if (typeof event === 'string') yield { kind: 'problem', line, message: event };
      else yield { kind: 'event', line, endLine, event, size };
    }
    if (!layout) yield { kind: 'problem', line: 1, message: 'no header row (the file is empty)' };
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const at = err.lines;
    yield { kind: 'problem', line: typeof at === 'number' && at > 0 ? at : endOfLast + 1, message: err.message };
  } finally {
    parser.destroy();
    stream.destroy();
  }
}

/** Opens the file for streaming; nothing is read until `items` is iterated. */
export function readEventFile(file: string, format: EventFormat, options: ReadOptions = {}): EventFileReader {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  const afterLine = options.afterLine ?? 0;
  return {
    items: format === 'ndjson' ? ndjsonItems(stream, afterLine) : csvItems(stream, afterLine),
    bytesRead: () => stream.bytesRead,
  };
}
