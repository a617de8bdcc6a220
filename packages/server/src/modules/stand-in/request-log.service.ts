/**
 * The request log of stand-in mode (ADR 0023): the last CONSUMO_REQUEST_LOG_SIZE requests outside
 * the control plane, per process, in a ring. Credentials never enter it: query values, headers and
 * body fields whose names say credential (platform/http/log-redaction.ts's rule: token, secret,
 * password, api key, authorization, credential, code) are replaced before an entry is stored, in
 * JSON and form bodies alike; the Authorization header keeps its scheme only.
 */
import { REDACTED, isSecretName, redactUrl } from '../../platform/http/log-redaction.js';
import { globToRegExp } from './path-glob.js';

/** Characters of a body kept in an entry. */
export const BODY_KEPT_CHARS = 16_384;
/** A body larger than this (bytes) is not read for redaction, and so not kept at all. */
export const BODY_READ_LIMIT = 262_144;

export interface LoggedBody {
  /** The body as text after redaction, cut at BODY_KEPT_CHARS; null when there was none or it was not kept. */
  text: string | null;
  /** Its size as sent, in bytes. */
  bytes: number;
  truncated: boolean;
}

export interface LoggedRequest {
  /** Ascending per process. */
  seq: number;
  requestId: string;
  receivedAt: string;
  method: string;
  path: string;
  /** The query string after redaction, without `?`; empty when none. */
  query: string;
  status: number;
  durationMs: number;
  /** The authenticated caller's workspace, or null. */
  workspaceId: string | null;
  requestHeaders: Record<string, string>;
  requestBody: LoggedBody;
  responseContentType: string | null;
  responseBody: LoggedBody;
}

export interface RequestLogQuery {
  method?: string;
  /** A path glob. */
  path?: string;
  status?: number;
  /** Received at or after this instant (epoch ms). */
  sinceMs?: number;
  limit: number;
}

export class RequestLog {
  private readonly ring: (LoggedRequest | undefined)[];
  private next = 0;
  private seq = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<LoggedRequest | undefined>(capacity);
  }

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.seq += 1;
    this.ring[this.next] = { seq: this.seq, ...entry };
    this.next = (this.next + 1) % this.capacity;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
  }

  /** Matching entries, newest first, at most `limit`; and how many matched in all. */
  query(q: RequestLogQuery): { items: LoggedRequest[]; total: number } {
    const path = q.path === undefined ? undefined : globToRegExp(q.path);
    const method = q.method?.toUpperCase();
    const items: LoggedRequest[] = [];
    let total = 0;
    for (let i = 1; i <= this.capacity; i += 1) {
      const entry = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (!entry) break;
      if (method !== undefined && entry.method !== method) continue;
      if (path && !path.test(entry.path)) continue;
      if (q.status !== undefined && entry.status !== q.status) continue;
      if (q.sinceMs !== undefined && Date.parse(entry.receivedAt) < q.sinceMs) continue;
      total += 1;
      if (items.length < q.limit) items.push(entry);
    }
    return { items, total };
  }
}

/** A JSON value with every credential-named field's value replaced, at any depth. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isSecretName(k) ? REDACTED : redactJson(v)]));
  }
  return value;
}

/** Request headers as logged: credential-named ones replaced, Authorization reduced to its scheme. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') out[lower] = `${/^\S+/.exec(value)?.[0] ?? ''} ${REDACTED}`.trim();
    else if (lower === 'cookie' || isSecretName(lower)) out[lower] = REDACTED;
    else out[lower] = value;
  }
  return out;
}

/** The query string of a URL after redaction (without `?`). */
export function redactedQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : redactUrl(url).slice(url.indexOf('?') + 1);
}

function cut(text: string, bytes: number): LoggedBody {
  return text.length > BODY_KEPT_CHARS ? { text: text.slice(0, BODY_KEPT_CHARS), bytes, truncated: true } : { text, bytes, truncated: false };
}

/**
 * A body as the log keeps it. `parsed` is what the route saw (a JSON value or a form's fields), when
 * there was one; `raw` the text otherwise (a response). Text that reads as JSON or as a form is
 * redacted by field name; other text (XML, CSV) is kept as it is.
 */
export function loggedBody(parsed: unknown, raw: string | undefined, bytes: number, contentType: string | undefined): LoggedBody {
  if (parsed === undefined && (raw === undefined || raw === '')) return { text: null, bytes, truncated: false };
  if (bytes > BODY_READ_LIMIT) return { text: null, bytes, truncated: true };
  if (parsed !== undefined && typeof parsed !== 'string' && !Buffer.isBuffer(parsed)) return cut(JSON.stringify(redactJson(parsed)), bytes);
  const text = raw ?? (Buffer.isBuffer(parsed) ? parsed.toString('utf8') : String(parsed));
  const type = contentType?.toLowerCase() ?? '';
  if (type.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return cut(JSON.stringify(redactJson(JSON.parse(text))), bytes);
    } catch {
      // Not JSON after all: judged as text below.
    }
  }
  if (type.includes('x-www-form-urlencoded')) return cut(redactUrl(`?${text}`).slice(1), bytes);
  return cut(text, bytes);
}
