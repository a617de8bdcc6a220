/** The applicability criteria a data generator declares: Consumo's own, all, none, a list, or a file. */
// Rules of the requirements model carry ApplicabilityCriteria (e.g. COMMITMENT_DISCOUNT_SUPPORTED);
// a rule is checked only when every criterion it lists is declared. `consumo focus validate
// --applicability` takes: `consumo` (the default: what Consumo's exports support), `all`, `none`, a
// comma-separated list of criteria, or a file (a JSON array of criteria, `{"ApplicabilityCriteria":
// [...]}`, or one criterion per line).
import { existsSync, readFileSync } from 'node:fs';
import type { RequirementsModel } from './model-shape.js';

/**
 * What Consumo's FOCUS exports support: commitments (Flex committed capacity), negotiated and list
 * prices, usage measurement and unit pricing, sub accounts (projects), billing by provisioned
 * resources with resource types, regions, tags and account names; and, from 1.3, contract
 * commitments. Not: availability zones, capacity reservations, several billing account types, pricing
 * in another currency or a virtual one, several pricing categories, several sub account types, split
 * cost allocation (ADR 0024).
 */
export const CONSUMO_APPLICABILITY: readonly string[] = [
  'ACCOUNT_NAMING_SUPPORTED',
  'BILLING_BASED_ON_PROVISIONED_RESOURCES_SUPPORTED',
  'COMMITMENT_DISCOUNT_SUPPORTED',
  'CONTRACT_COMMITMENT_SUPPORTED',
  'NEGOTIATED_PRICING_SUPPORTED',
  'PUBLIC_PRICE_LIST_SUPPORTED',
  'REGION_SUPPORTED',
  'RESOURCE_TYPE_ASSIGNMENT_SUPPORTED',
  'SUB_ACCOUNT_SUPPORTED',
  'TAGGING_SUPPORTED',
  'UNIT_PRICING_SUPPORTED',
  'USAGE_MEASUREMENT_SUPPORTED',
];

/** A declaration that names no criterion of the model, or a file that cannot be read. */
export class ApplicabilityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplicabilityError';
  }
}

function listOfFile(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (err) {
      throw new ApplicabilityError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const list = Array.isArray(data) ? data : (data as { ApplicabilityCriteria?: unknown }).ApplicabilityCriteria;
    const items = Array.isArray(list) ? list : list && typeof list === 'object' ? Object.keys(list) : null;
    if (!items || !items.every((i) => typeof i === 'string')) throw new ApplicabilityError(`${file}: give a JSON array of criteria or {"ApplicabilityCriteria": [...]}`);
    return items as string[];
  }
  return trimmed.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '');
}

/**
 * The declared criteria: `consumo`, `all`, `none`, `A,B,…`, or a file. Criteria the model does not
 * define are refused (a typo would silently skip rules), except Consumo's own defaults, which are
 * kept only where the model defines them.
 */
export function resolveApplicability(declared: string | readonly string[] | undefined, model: RequirementsModel): Set<string> {
  const known = Object.keys(model.ApplicabilityCriteria);
  if (declared === undefined || declared === 'consumo') return new Set(CONSUMO_APPLICABILITY.filter((c) => known.includes(c)));
  if (declared === 'all') return new Set(known);
  if (declared === 'none' || declared === '') return new Set();
  let list: string[];
  if (typeof declared !== 'string') list = [...declared];
  else if (existsSync(declared)) list = listOfFile(declared);
  else list = declared.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = list.filter((c) => !known.includes(c));
  if (unknown.length > 0) {
    throw new ApplicabilityError(`unknown applicability criteria ${unknown.join(', ')}; the model ${model.Details.ModelVersion} defines ${known.join(', ')} (or give consumo, all or none)`);
  }
  return new Set(list);
}
