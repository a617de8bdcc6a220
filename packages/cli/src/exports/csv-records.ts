/** Counts the records of a CSV as its bytes go by: line feeds outside quoted fields (RFC 4180), so a quoted LF does not count. */
const QUOTE = 0x22;
const LF = 0x0a;

export class CsvRecordCounter {
  #lineFeeds = 0;
  #inQuotes = false;
  #lastByte = LF;

  add(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    // Most chunks hold no quote at all: count line feeds with indexOf, which is much faster than a byte loop.
    if (!this.#inQuotes && chunk.indexOf(QUOTE) === -1) {
      for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) this.#lineFeeds++;
    } else {
      for (const byte of chunk) {
        if (byte === QUOTE) this.#inQuotes = !this.#inQuotes;
        else if (byte === LF && !this.#inQuotes) this.#lineFeeds++;
      }
    }
    this.#lastByte = chunk[chunk.length - 1]!;
  }

  /** Every record, the header included (a last line without its LF counts too). */
  get records(): number {
    return this.#lineFeeds + (this.#lastByte === LF ? 0 : 1);
  }

  /** The data rows: the records after the header. */
  get rows(): number {
    return Math.max(0, this.records - 1);
  }
}
