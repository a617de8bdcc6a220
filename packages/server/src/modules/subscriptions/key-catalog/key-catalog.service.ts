/**
 * The provider's key catalog: validates an import as a whole (every problem reported, nothing
 * written unless all is well), issues the new keys in one transaction, and lists the catalog.
 */
import type { Db } from '../../../storage/database.js';
import { ApiError, badRequest, type Issue } from '../../../platform/errors/index.js';
import { parseRfc3339 } from '../../../platform/formats/index.js';
import { isoUtc, page, parseListQuery, type Page } from '../../../platform/query/index.js';
import { PRODUCT_TYPES, PROVIDER_STATUSES, SUBSCRIPTION_TYPES, isProductType, isProviderStatus, isSubscriptionType, isTier } from '../subscriptions.enums.js';
import * as repo from './key-catalog.repository.js';
import { catalogList, claimableExpression } from './key-catalog.fields.js';
import {
  KEY_PATTERN, KeyInput, MAX_CODE_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_KEYS_PER_IMPORT, MAX_KEY_LENGTH,
  type CatalogKey, type CatalogQuery, type ImportKeysResult,
} from './key-catalog.schemas.js';

const KEY_CHARS = new RegExp(KEY_PATTERN);
const KEY_FIELDS = new Set(Object.keys(KeyInput.properties));
const MAX_QUANTITY = 2_147_483_647;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 37)}...` : text);

/** Reads one item of `keys`, recording an issue per bad field; the values are only used when there is none. */
class KeyReader {
  constructor(
    private readonly item: Record<string, unknown>,
    private readonly at: string,
    private readonly issues: Issue[],
  ) {}

  fail(field: string, description: string): void {
    this.issues.push({ source: 'field', subject: `${this.at}.${field}`, description });
  }

  required(field: string, maxLength: number): string {
    const value = this.item[field];
    if (value === undefined || value === null) this.fail(field, 'Required parameter is missing.');
    else if (typeof value !== 'string') this.fail(field, 'Must be of type string.');
    else if (value.trim() === '') this.fail(field, `Parameter ${field} is empty.`);
    else if (value.length > maxLength) this.fail(field, `Must be at most ${maxLength} characters.`);
    else return value;
    return '';
  }

  /** Absent, null and empty all mean "none". */
  optional(field: string, maxLength: number): string | null {
    const value = this.item[field];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') this.fail(field, 'Must be of type string.');
    else if (value.length > maxLength) this.fail(field, `Must be at most ${maxLength} characters.`);
    else return value;
    return null;
  }

  key(): string {
    const key = this.required('key', MAX_KEY_LENGTH);
    if (key && !KEY_CHARS.test(key)) {
      const bad = [...key].find((c) => !KEY_CHARS.test(c)) ?? '';
      this.fail('key', `Must contain only letters, digits and _ . : = + @ -; found ${JSON.stringify(bad)}.`);
    }
    return key;
  }

  oneOf(field: string, valid: (v: unknown) => boolean, allowed: string, fallback?: string): string {
    const value = this.item[field] ?? fallback;
    if (value === undefined) this.fail(field, 'Required parameter is missing.');
    else if (typeof value !== 'string') this.fail(field, 'Must be of type string.');
    else if (!valid(value)) this.fail(field, `Unknown value '${clip(value)}'; ${allowed}.`);
    else return value;
    return '';
  }

  quantity(): number {
    const value = this.item.quantity;
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : NaN;
    if (value === undefined || value === null) this.fail('quantity', 'Required parameter is missing.');
    else if (!Number.isInteger(n) || n < 0) this.fail('quantity', 'Must be a non-negative integer, or a string of digits.');
    else if (n > MAX_QUANTITY) this.fail('quantity', `Must be a numeric value which is ${MAX_QUANTITY} or less.`);
    else return n;
    return 0;
  }

  boolean(field: string): boolean {
    const value = this.item[field];
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') this.fail(field, 'Must be of type boolean.');
    return value === true;
  }

  time(field: string): Date | undefined {
    const value = this.item[field];
    if (value === undefined || value === null) this.fail(field, 'Required parameter is missing.');
    else {
      const time = typeof value === 'string' ? parseRfc3339(value) : undefined;
      if (time) return time;
      this.fail(field, 'Must be an RFC 3339 date-time, e.g. 2026-01-01T00:00:00Z.');
    }
    return undefined;
  }

  unknownProperties(): void {
    for (const name of Object.keys(this.item)) if (!KEY_FIELDS.has(name)) this.fail(name, 'Unknown property.');
  }
}

function readKey(item: unknown, index: number, createdAt: Date, issues: Issue[]): repo.NewCatalogKey | undefined {
  const at = `keys[${index}]`;
  if (!isObject(item)) {
    issues.push({ source: 'field', subject: at, description: 'Must be an object.' });
    return undefined;
  }
  const r = new KeyReader(item, at, issues);
  // Read in the schema's order, so a row's issues come in the order of its fields.
  const key = r.key();
  const sku = r.required('sku', MAX_CODE_LENGTH);
  const skuDescription = r.required('skuDescription', MAX_DESCRIPTION_LENGTH);
  const subscriptionType = r.oneOf('subscriptionType', isSubscriptionType, `one of: ${SUBSCRIPTION_TYPES.join(', ')}`);
  const tier = r.oneOf('tier', isTier, "GreenLake's tiers, e.g. FOUNDATION_AP or STANDARD_PROLIANT, are listed in the OpenAPI schema");
  const tierDescription = r.optional('tierDescription', MAX_DESCRIPTION_LENGTH);
  const productType = r.oneOf('productType', isProductType, `one of: ${PRODUCT_TYPES.join(', ')}`);
  const quantity = r.quantity();
  const isEval = r.boolean('isEval');
  const start = r.time('startTime');
  const end = r.time('endTime');
  if (start && end && end.getTime() <= start.getTime()) r.fail('endTime', 'Must be after startTime.');
  const status = r.oneOf('status', isProviderStatus, `one of: ${PROVIDER_STATUSES.join(', ')}`, 'STARTED');
  const row: repo.NewCatalogKey = {
    key,
    sku,
    sku_description: skuDescription,
    subscription_type: subscriptionType,
    tier,
    tier_description: tierDescription,
    product_type: productType,
    quantity,
    is_eval: isEval,
    start_time: start ?? createdAt,
    end_time: end ?? createdAt,
    provider_status: status,
    contract: r.optional('contract', MAX_CODE_LENGTH),
    quote: r.optional('quote', MAX_CODE_LENGTH),
    po: r.optional('po', MAX_CODE_LENGTH),
    reseller_po: r.optional('resellerPo', MAX_CODE_LENGTH),
    end_user_name: r.optional('endUserName', MAX_DESCRIPTION_LENGTH),
    order_class: r.optional('orderClass', MAX_CODE_LENGTH),
    created_at: createdAt,
  };
  r.unknownProperties();
  return row;
}

/**
 * Validates an import body as a whole: every problem is one issue naming its field as
 * `keys[i].field`, and any issue fails the request (400) before anything is written.
 */
export function parseImport(body: unknown, createdAt: Date): repo.NewCatalogKey[] {
  const issues: Issue[] = [];
  const top = (subject: string, description: string) => badRequest([{ source: 'field', subject, description }]);
  if (!isObject(body)) throw top('body', 'Must be a JSON object with a keys array.');
  for (const name of Object.keys(body)) if (name !== 'keys') issues.push({ source: 'field', subject: name, description: 'Unknown property.' });
  const items = body.keys;
  if (items === undefined) throw badRequest([...issues, { source: 'field', subject: 'keys', description: 'Required parameter is missing.' }]);
  if (!Array.isArray(items)) throw badRequest([...issues, { source: 'field', subject: 'keys', description: 'Must be an array.' }]);
  if (items.length === 0) throw top('keys', 'Must hold at least 1 key.');
  if (items.length > MAX_KEYS_PER_IMPORT) {
    throw top('keys', `Must hold at most ${MAX_KEYS_PER_IMPORT} keys; send the rest in another request.`);
  }
  const keys: repo.NewCatalogKey[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const key = readKey(item, i, createdAt, issues);
    if (!key) return;
    keys.push(key);
    if (!key.key) return;
    const first = firstIndex.get(key.key);
    if (first === undefined) firstIndex.set(key.key, i);
    else issues.push({ source: 'field', subject: `keys[${i}].key`, description: `Duplicate of keys[${first}].key.` });
  });
  if (issues.length > 0) throw badRequest(issues);
  return keys;
}

/** API field name → the column an issued key and a resubmitted one must agree on. */
const compared: [string, keyof repo.NewCatalogKey & keyof repo.CatalogRow][] = [
  ['sku', 'sku'],
  ['skuDescription', 'sku_description'],
  ['subscriptionType', 'subscription_type'],
  ['tier', 'tier'],
  ['tierDescription', 'tier_description'],
  ['productType', 'product_type'],
  ['quantity', 'quantity'],
  ['isEval', 'is_eval'],
  ['startTime', 'start_time'],
  ['endTime', 'end_time'],
  ['status', 'provider_status'],
  ['contract', 'contract'],
  ['quote', 'quote'],
  ['po', 'po'],
  ['resellerPo', 'reseller_po'],
  ['endUserName', 'end_user_name'],
  ['orderClass', 'order_class'],
];

/** Times agree when they name the same instant; everything else by value. */
const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/**
 * Issues the keys of one import in one transaction. Keys already in the catalog with the same
 * data count as unchanged, so an import can be re-run; any with different data fail the whole
 * import with 409 (issued keys are not edited) and the transaction writes nothing.
 */
export async function importKeys(db: Db, body: unknown, now: Date): Promise<ImportKeysResult> {
  const keys = parseImport(body, now);
  return db.transaction().execute(async (trx) => {
    const inserted = new Set(await repo.insertNewKeys(trx, keys));
    const present = keys.filter((k) => !inserted.has(k.key));
    if (present.length > 0) {
      const rows = new Map((await repo.findKeys(trx, present.map((k) => k.key))).map((r) => [r.key, r]));
      const conflicts: { key: string; index: number; fields: string[] }[] = [];
      keys.forEach((k, index) => {
        const row = rows.get(k.key);
        if (inserted.has(k.key) || !row) return;
        const fields = compared.filter(([, column]) => !sameValue(k[column], row[column])).map(([name]) => name);
        if (fields.length > 0) conflicts.push({ key: k.key, index, fields });
      });
      if (conflicts.length > 0) throw conflictError(conflicts);
    }
    return { created: inserted.size, unchanged: present.length };
  });
}

function conflictError(conflicts: { key: string; index: number; fields: string[] }[]): ApiError {
  const shown = conflicts.slice(0, 10).map((c) => c.key);
  const more = conflicts.length > shown.length ? ` and ${conflicts.length - shown.length} more` : '';
  return new ApiError('CONFLICT', {
    message:
      `${conflicts.length} ${conflicts.length === 1 ? 'key is' : 'keys are'} already in the catalog with different data: ` +
      `${shown.join(', ')}${more}. Issued keys are not changed; nothing was written.`,
    details: [{ type: 'hpe.greenlake.metadata', source: 'consumo.subscription-keys', metadata: { conflicts } }],
  });
}

function catalogDto(row: repo.CatalogListRow): CatalogKey {
  return {
    key: row.key,
    sku: row.sku,
    skuDescription: row.sku_description,
    subscriptionType: row.subscription_type,
    tier: row.tier,
    tierDescription: row.tier_description,
    productType: row.product_type,
    quantity: row.quantity,
    isEval: row.is_eval,
    startTime: isoUtc(row.start_time),
    endTime: isoUtc(row.end_time),
    status: row.provider_status,
    contract: row.contract,
    quote: row.quote,
    po: row.po,
    resellerPo: row.reseller_po,
    endUserName: row.end_user_name,
    orderClass: row.order_class,
    claimedBy: row.claimed_by,
    claimable: row.claimable,
    createdAt: isoUtc(row.created_at),
  };
}

/** The provider's view: every key, whichever workspace holds it. */
export async function listKeys(db: Db, query: CatalogQuery, now: Date): Promise<Page<CatalogKey>> {
  const list = parseListQuery(query, catalogList(now));
  const { rows, total } = await repo.listPage(db, list, claimableExpression(now));
  return page(rows.map(catalogDto), list.offset, total);
}
