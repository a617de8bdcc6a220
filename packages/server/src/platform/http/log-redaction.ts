/**
 * What the server's log lines may say about a request or an error: never a credential. Request
 * lines keep method and URL, with the values of credential-like query parameters replaced (the
 * CSP exchange takes `?refresh_token=`); header paths that carry credentials are censored should
 * anything log headers; and database errors lose the statement parameters the driver attaches
 * (PGlite's errors carry `params`: the values of an INSERT, a secret's hash among them) and the row values PostgreSQL
 * quotes in `detail` ("Failing row contains (…)", "Key (…)=(…)"). The SQL text stays: it has
 * placeholders, not values.
 */
import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

export const REDACTED = '[redacted]';

/** Query parameters and fields whose values are credentials, by lower-cased name. */
const SECRET_NAME = /token|secret|password|passwd|api[_-]?key|authorization|credential|^code$/i;

/** Whether a query parameter, field or header of this name carries a credential (the request log of stand-in mode redacts by it too). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const HEADER_PATHS = ['authorization', 'csp-auth-token', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization'].flatMap((h) => [
  `req.headers["${h}"]`,
  `res.headers["${h}"]`,
  `headers["${h}"]`,
]);

/** The URL with every credential-like query parameter's value replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const redacted = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed name is logged as sent; its value is still judged by the raw name.
      }
      return eq >= 0 && SECRET_NAME.test(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${redacted}`;
}

/** PostgreSQL's `detail` without the row values it quotes. */
export function redactDatabaseDetail(detail: string): string {
  return detail
    .replace(/(Failing row contains )\(.*\)/s, `$1(${REDACTED})`)
    .replace(/(Key \([^)]*\))=\(.*?\)( already exists| is not present| is still referenced|$)/gs, `$1=(${REDACTED})$2`);
}

interface SerializedError extends Record<string, unknown> {
  detail?: unknown;
  params?: unknown;
}

function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as SerializedError;
  if (!out || typeof out !== 'object') return out;
  if (typeof out.detail === 'string') out.detail = redactDatabaseDetail(out.detail);
  if (Array.isArray(out.params)) out.params = `[${out.params.length} parameters redacted]`;
  else if (out.params !== undefined) out.params = REDACTED;
  return out;
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: redactUrl(req.url), host: req.hostname, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/** Fastify's logger options: the level, and the serializers and redaction above. */
export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: { paths: HEADER_PATHS, censor: REDACTED },
    serializers: { req: serializeRequest as never, err: serializeError as never },
  };
}
