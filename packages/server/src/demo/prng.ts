/** A seeded pseudo-random generator (sfc32 over a cyrb128 string hash) with the helpers demo data needs. */

// Only 32-bit integer operations and multiplications by powers of two are used, so the same
// seed yields the same sequence on every JavaScript engine and machine.

const TWO_POW_32 = 4_294_967_296;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** cyrb128: a fast, well-mixed 128-bit hash of a string, used to expand a seed into sfc32 state. */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 32-bit integer hash (lowbias32), used where a value must be a pure function of its inputs. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(readonly seed: string) {
    [this.#a, this.#b, this.#c, this.#d] = hash128(seed);
    // sfc32's first outputs still echo the hash; discarding a few decorrelates close seeds.
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** An independent stream named after this one, so adding draws to one stream never shifts another. */
  derive(label: string): Prng {
    return new Prng(`${this.seed}/${label}`);
  }

  /** The next unsigned 32-bit integer (sfc32). */
  next32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next32() / TWO_POW_32;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): expected integers with min <= max`);
    }
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick: empty array');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks one value, each with probability proportional to its weight; zero weights never win. */
  weightedPick<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    if (!(total > 0)) throw new RangeError('weightedPick: weights must sum to more than 0');
    let r = this.float() * total;
    for (const [value, weight] of entries) {
      if (r < weight) return value;
      r -= weight;
    }
    // Float rounding can leave r a hair above the last weight: fall back to the last non-zero entry.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as readonly [T, number];
      if (entry[1] > 0) return entry[0];
    }
    throw new RangeError('weightedPick: no positive weight');
  }

  /** `n` lowercase hexadecimal digits. */
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += this.next32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }

  /** An RFC 4122 version-4-shaped uuid whose 122 random bits come from this stream. */
  uuid(): string {
    const a = this.next32();
    const b = this.next32();
    const c = this.next32();
    const d = this.next32();
    const b6 = ((b >>> 8) & 0x0f) | 0x40; // version 4
    const b8 = ((c >>> 24) & 0x3f) | 0x80; // variant 10xx
    return (
      HEX[a >>> 24]! + HEX[(a >>> 16) & 0xff]! + HEX[(a >>> 8) & 0xff]! + HEX[a & 0xff]! + '-' +
      HEX[b >>> 24]! + HEX[(b >>> 16) & 0xff]! + '-' +
      HEX[b6]! + HEX[b & 0xff]! + '-' +
      HEX[b8]! + HEX[(c >>> 16) & 0xff]! + '-' +
      HEX[(c >>> 8) & 0xff]! + HEX[c & 0xff]! +
      HEX[d >>> 24]! + HEX[(d >>> 16) & 0xff]! + HEX[(d >>> 8) & 0xff]! + HEX[d & 0xff]!
    );
  }
}

/**
 * A keyed bijection on [0, 2^bits) — a 4-round balanced Feistel network. Demo data maps a row's
 * index through it to get identifiers (serial numbers, MAC addresses) that look random yet can
 * never collide, with no set of seen values held in memory.
 */
export class Permutation {
  readonly #half: number;
  readonly #mask: number;
  readonly #keys: number[];

  constructor(
    readonly bits: number,
    prng: Prng,
  ) {
    if (!Number.isInteger(bits) || bits % 2 !== 0 || bits < 2 || bits > 52) {
      throw new RangeError('Permutation: bits must be an even integer in 2..52');
    }
    this.#half = 2 ** (bits / 2);
    this.#mask = this.#half - 1;
    this.#keys = [prng.next32(), prng.next32(), prng.next32(), prng.next32()];
  }

  get size(): number {
    return this.#half * this.#half;
  }

  apply(x: number): number {
    if (!Number.isInteger(x) || x < 0 || x >= this.size) throw new RangeError(`Permutation: ${x} out of range`);
    let left = Math.floor(x / this.#half);
    let right = x % this.#half;
    for (const key of this.#keys) {
      const next = (left ^ (mix32((right ^ key) >>> 0) & this.#mask)) >>> 0;
      left = right;
      right = next;
    }
    return left * this.#half + right;
  }
}
