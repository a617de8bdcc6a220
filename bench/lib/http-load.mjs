/** HTTP load with autocannon: a warm-up, then a measured window; every response must be a 2xx. */
import autocannon from 'autocannon';
import { Samples, summarize } from './stats.mjs';

export class LoadError extends Error {}

/**
 * Latencies come from autocannon's per-response event (sub-millisecond, from process.hrtime)
 * rather than its histogram, which rounds to whole milliseconds.
 *
 * @param {{ url: string, paths: string[], headers?: Record<string, string>, connections: number,
 *           seconds: number, warmupSeconds: number, timeoutSeconds?: number, label: string,
 *           meter?: () => () => Record<string, number | null> }} o  meter: see cpu.mjs, measured window only
 * @returns {Promise<{ p50: number, p99: number, rps: number, n: number, seconds: number, cpu?: Record<string, number | null> }>}
 */
export async function measureHttp(o) {
  if (o.warmupSeconds > 0) await window(o, o.warmupSeconds, `${o.label} (warm-up)`);
  return window(o, o.seconds, o.label, o.meter);
}

async function window(o, seconds, label, meter) {
  let next = 0;
  const samples = new Samples();
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: seconds,
    timeout: o.timeoutSeconds ?? 30,
    headers: o.headers ?? {},
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: o.paths[next++ % o.paths.length] }) }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) samples.push(ms);
  });
  const stopMeter = meter?.();
  const result = await instance;
  const cpu = stopMeter?.();
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(', ');
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || samples.length === 0) {
    throw new LoadError(
      `${label}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(status codes: ${codes || 'none'}); every response must be 200`,
    );
  }
  return { ...summarize(samples.values(), result.duration), seconds: result.duration, cpu };
}
