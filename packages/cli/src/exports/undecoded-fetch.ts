/** A fetch over node:http(s) that hands the body over exactly as sent: Content-Encoding is left to the caller. */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/**
 * Node's own fetch always gunzips a `Content-Encoding: gzip` body, so a download could not keep the
 * server's gzip. This one does not decode (and does not follow redirects); for bodiless requests
 * (GET, HEAD). A failure to connect rejects like fetch does: `TypeError('fetch failed')` with the
 * socket error as `cause`, so connectionErrorCode() recognises it.
 */
export const undecodedFetch: typeof fetch = (input, init) => {
  const request = input instanceof Request ? input : new Request(input, init);
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<Response>((resolve, reject) => {
    const req = transport.request(url, { method: request.method, headers: Object.fromEntries(request.headers) }, (res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const status = res.statusCode ?? 500;
      const bodiless = status === 204 || status === 304 || request.method === 'HEAD';
      if (bodiless) res.resume();
      resolve(
        new Response(bodiless ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
          status,
          statusText: res.statusMessage,
          headers,
        }),
      );
    });
    req.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })));
    request.signal.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
    req.end();
  });
};
