/** Latency samples → the figures every benchmark reports. */

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/**
 * @param {Float64Array | number[]} latenciesMs one entry per completed operation
 * @param {number} seconds length of the measured window
 * @returns {{ p50: number, p99: number, rps: number, n: number }}
 */
export function summarize(latenciesMs, seconds) {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    p50: round(percentile(sorted, 50), 3),
    p99: round(percentile(sorted, 99), 3),
    rps: round(sorted.length / seconds, 1),
    n: sorted.length,
  };
}

/** A growable Float64Array, so a million samples do not become a million boxed numbers. */
export class Samples {
  #data = new Float64Array(1 << 16);
  length = 0;
  push(x) {
    if (this.length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.length++] = x;
  }
  values() {
    return this.#data.subarray(0, this.length);
  }
}
