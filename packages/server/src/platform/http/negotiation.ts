/** Content negotiation on Accept and Accept-Encoding, as RFC 9110 §12.5 reads them (q-values, wildcards). */

interface MediaRange {
  type: string;
  q: number;
}

function mediaRanges(header: string | string[] | undefined): MediaRange[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: (type ?? '').trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .filter((r) => r.type !== '');
}

/**
 * True when Accept prefers `preferred` to `fallback`: it names `preferred` with a q above 0, and
 * `fallback` (by name, its `type/*` or `*\/*`) with no higher q. Without it, the fallback.
 */
export function acceptsFirst(header: string | string[] | undefined, preferred: string, fallback: string): boolean {
  const ranges = mediaRanges(header);
  const wanted = ranges.find((r) => r.type === preferred);
  if (!wanted || wanted.q <= 0) return false;
  const family = `${fallback.split('/')[0]}/*`;
  const other = ranges.find((r) => r.type === fallback) ?? ranges.find((r) => r.type === family) ?? ranges.find((r) => r.type === '*/*');
  return other === undefined || other.q <= wanted.q;
}

/** True when Accept-Encoding accepts gzip (a q of 0 refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== 'x-gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
