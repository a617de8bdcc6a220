/**
 * How a cost record is identified within a workspace: its charge period, its resource and its line
 * key, which names the priced line of that resource's day. Rating builds line keys only here, and
 * readers page by COST_RECORD_KEY, so the two cannot disagree on what makes a record unique.
 */
import { dayText } from '../../platform/formats/index.js';

/** The primary key within a workspace, in the order of the table's primary key after workspace_id. */
export const COST_RECORD_KEY = ['charge_period_start', 'resource_id', 'line_key'] as const;

/** A price version's SkuPriceId: `SKU@YYYY-MM-DD` (the day it takes effect), then `#n` for its n-th band. */
export function skuPriceId(skuId: string, effectiveFrom: Date, band?: number): string {
  const base = `${skuId}@${dayText(effectiveFrom)}`;
  return band === undefined ? base : `${base}#${band}`;
}

/** The line keys rating writes: one per priced line, unpriced meter, or commitment shortfall of a resource's day. */
export const lineKey = {
  /** A priced line (a price version, or one of its bands): its SkuPriceId. */
  priced: (priceId: string): string => priceId,
  /** Usage of a meter with no price in force that day: one line per meter. */
  unpriced: (meterId: string): string => `meter:${meterId}`,
  /** What a commitment's floor adds above its use, billed under that price. */
  shortfall: (priceId: string): string => `${priceId}:shortfall`,
};
