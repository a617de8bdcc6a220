/** Reads a price's `bands`: each band's fields, then the order rules a schema cannot state (ascending upTo, only the last open). */
import { Decimal } from 'decimal.js';
import { BodyReader } from './body-reader.js';
import { BAND_FIELDS, MAX_BANDS } from './prices.schemas.js';

/** One step of a graduated price: quantities above the previous band's `upTo` and up to this one (null: no end). */
export interface PriceBand {
  upTo: string | null;
  unitPrice: string;
}

export function readBands(r: BodyReader): PriceBand[] | null {
  const value = r.raw('bands');
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    r.fail('bands', 'Must be an array of {upTo, unitPrice}.');
    return null;
  }
  if (value.length < 1 || value.length > MAX_BANDS) r.fail('bands', `Must hold 1 to ${MAX_BANDS} bands, got ${value.length}.`);
  const bands = value.map((item, i): { band: PriceBand; valid: boolean } => {
    const at = `bands[${i}]`;
    const before = r.issues.length;
    const b = new BodyReader(item, BAND_FIELDS, r.subject(at), r.issues);
    const upTo = b.given('upTo') ? b.decimal('upTo', { required: true, positive: true }) : null;
    const unitPrice = b.decimal('unitPrice', { required: true });
    return { band: { upTo, unitPrice }, valid: r.issues.length === before };
  });
  bands.forEach(({ band, valid }, i) => {
    if (!valid) return;
    if (band.upTo === null) {
      if (i < bands.length - 1) r.fail(`bands[${i}].upTo`, 'Only the last band may have no upper end (upTo null).');
      return;
    }
    const previous = bands[i - 1];
    if (previous?.valid && previous.band.upTo !== null && new Decimal(band.upTo).lte(previous.band.upTo)) {
      r.fail(`bands[${i}].upTo`, `Must be greater than bands[${i - 1}].upTo (${previous.band.upTo}).`);
    }
  });
  return bands.map((b) => b.band);
}
