/** Money and numbers for the reader's locale, money in the row's billing currency; decimal strings are formatted as given (no float round trip). */

type Formattable = string | number;

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

// Intl.NumberFormat formats a decimal string exactly (ES2023); the lib's type still says number.
const asNumber = (value: Formattable) => value as unknown as number;

/**
 * An amount in `currency` for `locale`, e.g. ("1234.5", "USD", "en-US") → "$1,234.50". A code
 * Intl does not know is written after the plain number ("1,234.5 XBT"); null is "—".
 */
export function formatMoney(value: Formattable | null, currency: string, locale?: string): string {
  if (value === null) return '—';
  try {
    return formatter(locale, { style: 'currency', currency }).format(asNumber(value));
  } catch {
    return `${formatNumber(value, locale)} ${currency}`;
  }
}

/** A number for `locale` with up to `maximumFractionDigits` (default 2) digits. */
export function formatNumber(value: Formattable, locale?: string, maximumFractionDigits = 2): string {
  return formatter(locale, { maximumFractionDigits }).format(asNumber(value));
}

/** A short money label for chart axes: "$1.2K". */
export function formatCompactMoney(value: number, currency: string, locale?: string): string {
  try {
    return formatter(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
  } catch {
    return `${formatter(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)} ${currency}`;
  }
}

/** The reader's locale as the browser reports it (undefined outside one: Intl's default). */
export function userLocale(): string | undefined {
  return (globalThis as { navigator?: { language?: string } }).navigator?.language;
}
