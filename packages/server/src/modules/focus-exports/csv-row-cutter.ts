/**
 * Where the rows of a CSV byte stream end, so that an export run can count the rows of PostgreSQL's
 * COPY output and cut it into parts at a row's end (ADR 0032, decision 8). The CSV is
 * csv-encoder.ts's and COPY's: a field holding a comma, a quote, CR or LF is quoted with its quotes
 * doubled, and a row ends at an LF outside quotes. Each quote flips the state (a doubled quote
 * flips it twice), so the state carries across chunks without looking ahead.
 */
const QUOTE = 0x22;
const LF = 0x0a;

export class CsvRowCutter {
  private quoted = false;
  /** Bytes seen since the last row's end. */
  private open = false;

  /**
   * Reads `b` from `from` until `max` rows have ended or the bytes run out: where it stopped (just
   * after the last counted row's LF when `max` rows ended, else `b.length`) and the rows that ended.
   */
  cut(b: Uint8Array, from: number, max: number): { end: number; rows: number } {
    let quoted = this.quoted;
    let rows = 0;
    let i = from;
    const length = b.length;
    // The next LF and quote at or after i (-1: none left), found natively and kept while still ahead:
    // about four times the rate of a byte loop on the bench's rows.
    let lf = -2;
    let quote = -2;
    while (i < length) {
      if (quote !== -1 && quote < i) quote = b.indexOf(QUOTE, i);
      if (quoted) {
        // Inside a quoted field only the next quote matters.
        if (quote === -1) {
          i = length;
          break;
        }
        quoted = false;
        i = quote + 1;
        continue;
      }
      if (lf !== -1 && lf < i) lf = b.indexOf(LF, i);
      if (lf === -1 && quote === -1) {
        i = length;
        break;
      }
      if (quote === -1 || (lf !== -1 && lf < quote)) {
        i = lf + 1;
        if (++rows === max) break;
      } else {
        quoted = true;
        i = quote + 1;
      }
    }
    this.quoted = quoted;
    if (i > from) this.open = quoted || b[i - 1] !== LF;
    return { end: i, rows };
  }

  /** True when the bytes so far end at the end of a row (nothing begun, no quote left open). */
  get atRowEnd(): boolean {
    return !this.open && !this.quoted;
  }
}
