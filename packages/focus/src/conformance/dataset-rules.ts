/** The dataset-wide rules: each ServiceName has one ServiceCategory, each SkuPriceId one SkuId. */
// The rules that need the whole dataset (§6 classification): each ServiceName maps to one
// ServiceCategory, each SkuPriceId to one SkuId. They keep one entry per distinct ServiceName and
// SkuPriceId — not per row — and report at the end, as row 0.
import type { Report } from './cell-rules.js';
import type { FocusVersionRules } from './focus-versions.js';
import type { RowView } from './row-view.js';

/** Past this many distinct keys a mapping stops taking new ones (and says so), so memory stays bounded. */
export const MAX_TRACKED_KEYS = 1_000_000;

/** key → its first value; a key seen with another value gets all its values and their first rows kept. */
class Mapping {
  private readonly first = new Map<string, string>();
  private readonly firstRow = new Map<string, number>();
  private readonly conflicts = new Map<string, Map<string, number>>();
  full = false;

  constructor(private readonly limit: number) {}

  observe(key: string, value: string, row: number): void {
    const known = this.first.get(key);
    if (known === undefined) {
      if (this.first.size >= this.limit) {
        this.full = true;
        return;
      }
      this.first.set(key, value);
      this.firstRow.set(key, row);
    } else if (known !== value || this.conflicts.has(key)) {
      let values = this.conflicts.get(key);
      if (values === undefined) {
        values = new Map([[known, this.firstRow.get(key)!]]);
        this.conflicts.set(key, values);
      }
      if (!values.has(value)) values.set(value, row);
    }
  }

  conflicting(): IterableIterator<[string, Map<string, number>]> {
    return this.conflicts.entries();
  }
}

const describe = (values: Map<string, number>) => [...values].map(([v, row]) => `'${v}' (first at row ${row})`).join(', ');

export class DatasetRules {
  private readonly services: Mapping;
  private readonly skuPrices: Mapping;

  constructor(
    private readonly rules: FocusVersionRules,
    limit = MAX_TRACKED_KEYS,
  ) {
    this.services = new Mapping(limit);
    this.skuPrices = new Mapping(limit);
  }

  observe(row: RowView): void {
    const service = row.valid('ServiceName');
    const category = row.valid('ServiceCategory');
    if (service !== null && category !== null) this.services.observe(service, category, row.row);
    const skuPriceId = row.valid('SkuPriceId');
    const skuId = row.valid('SkuId');
    if (skuPriceId === null || skuId === null) return;
    // 1.0/1.1: "except in cases of commitment discount flexibility".
    if (this.rules.skuPriceFlexibilityException && row.isSet('CommitmentDiscountId')) return;
    this.skuPrices.observe(skuPriceId, skuId, row.row);
  }

  finish(report: Report): string[] {
    for (const [service, categories] of this.services.conflicting()) {
      report('ServiceName', 'service-category-consistency', `ServiceName '${service}' maps to ${categories.size} ServiceCategory values, not one: ${describe(categories)}`);
    }
    for (const [skuPriceId, skuIds] of this.skuPrices.conflicting()) {
      report('SkuPriceId', 'sku-price-id-consistency', `SkuPriceId '${skuPriceId}' has ${skuIds.size} SkuId values, not one: ${describe(skuIds)}`);
    }
    const notes: string[] = [];
    if (this.services.full) notes.push(`more than ${MAX_TRACKED_KEYS} distinct ServiceName values: the ServiceName → ServiceCategory rule checked the first ones only`);
    if (this.skuPrices.full) notes.push(`more than ${MAX_TRACKED_KEYS} distinct SkuPriceId values: the SkuPriceId → SkuId rule checked the first ones only`);
    return notes;
  }
}
