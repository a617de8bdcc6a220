/**
 * What Fastify and Node answer before any route is found, in the family envelope of the URL
 * (ADR 0022): Fastify's framework errors (a URL that does not decode, a path parameter past
 * `maxParamLength`) and the raw socket's client errors (headers too large, a request that timed
 * out, HTTP that does not parse), which otherwise get Fastify's own `{error, message, statusCode}`.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../errors/index.js';
import { sendRendered } from './error-handler.js';
import { spellOut } from './input-faults.js';

/** Fastify's `frameworkErrors` option: FST_ERR_BAD_URL (400), FST_ERR_MAX_PARAM_LENGTH (414), an async constraint's failure. */
export function onFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('X-Request-ID', request.id);
  return sendRendered(request, reply, request.server.errorEnvelopes.forUrl(request.url)(frameworkApiError(err), String(request.id)), err);
}

function frameworkApiError(err: FastifyError): unknown {
  if (err.code === 'FST_ERR_BAD_URL') {
    return badRequest([{ source: 'path.parameter', subject: 'path', description: 'The path holds a percent-encoding that is not UTF-8; encode each character as UTF-8 bytes.' }]);
  }
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new ApiError('URI_TOO_LONG', { message: 'A path segment is longer than the 1,024 characters any id may take.' });
  }
  return err;
}

interface SocketError extends Error {
  code?: string;
  /** Node's typings say an object; at run time it is the Buffer read so far. */
  rawPacket?: unknown;
}

/** The request line's path, where the part of the request read so far holds one. */
function urlOf(err: SocketError): string | undefined {
  const head = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.subarray(0, 8192).toString('latin1') : undefined;
  return head ? /^[A-Z]+ (\/\S*) /.exec(head)?.[1] : undefined;
}

function socketApiError(err: SocketError): ApiError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return new ApiError('REQUEST_HEADER_FIELDS_TOO_LARGE');
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ApiError('REQUEST_TIMEOUT');
  return badRequest([{ source: 'header', subject: 'request', description: `The HTTP request could not be parsed (${err.code ?? 'malformed'}).` }], 'Malformed HTTP request.');
}

/** Fastify's `clientErrorHandler` option (called with the Fastify instance as `this`). */
export function onClientError(this: FastifyInstance, err: SocketError, socket: Socket): void {
  // A connection reset left nothing to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const requestId = randomUUID();
  const rendered = this.errorEnvelopes.forUrl(urlOf(err))(socketApiError(err), requestId);
  this.log.debug({ err, requestId }, 'client error on the socket');
  if (socket.writable) {
    const headers = { ...rendered.headers, 'Content-Type': rendered.contentType, 'Content-Length': String(Buffer.byteLength(rendered.body)), 'X-Request-ID': requestId, Connection: 'close' };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${spellOut(value).replace(/[\r\n]/g, ' ')}`);
    socket.write(`HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${rendered.body}`);
  }
  socket.destroy(err);
}
