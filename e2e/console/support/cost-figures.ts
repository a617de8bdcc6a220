/**
 * The test's own arithmetic for the cost explorer: decimal strings summed exactly (BigInt, never
 * floats, and not the console's code under test), money formatted as an en-US reader sees it, and
 * an RFC 4180 reader for the downloaded CSV.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** The exact sum of decimal strings, without trailing zeros ("1.50" + "2" → "3.5"). */
export function sumExact(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => DECIMAL.exec(v)?.[3]?.length ?? 0));
  let units = 0n;
  for (const v of values) {
    const m = DECIMAL.exec(v);
    if (!m) throw new Error(`not a decimal string: ${JSON.stringify(v)}`);
    const digits = BigInt(`${m[2]}${(m[3] ?? '').padEnd(scale, '0')}`);
    units += m[1] === '-' ? -digits : digits;
  }
  return normalDecimal(`${units < 0n ? '-' : ''}${insertPoint((units < 0n ? -units : units).toString(), scale)}`);
}

function insertPoint(digits: string, scale: number): string {
  if (scale === 0) return digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** A decimal string in one spelling: no trailing fraction zeros, no "-0". */
export function normalDecimal(text: string): string {
  const m = DECIMAL.exec(text);
  if (!m) throw new Error(`not a decimal string: ${JSON.stringify(text)}`);
  const whole = m[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return m[1] === '-' && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Money as the console shows it to an en-US reader (Intl formats a decimal string exactly). */
export function usMoney(value: string, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value as unknown as number);
}

/** RFC 4180: CRLF-separated records, fields quoted when they hold a comma, quote or line break. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
