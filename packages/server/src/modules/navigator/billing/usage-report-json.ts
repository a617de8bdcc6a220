/**
 * The usage report and subscriptions as Navigator writes them (ADR 0020, the vendor's example):
 * an array of organizations → services → subscriptions → `skuData.skus`, keys in the documented
 * order, amounts and quantities as exact JSON numbers, times in epoch milliseconds (0 = unset).
 * Values Consumo does not know (`crossReferenceSku`, `geo`, `regionCode`, `customerSegment`) are
 * null rather than made up; `paymentType` is "" as the vendor's own example shows it.
 *
 * Written as text in one pass, straight from the model (ADR 0020 point 27): strings through
 * JSON.stringify, each exact decimal as its number (`jsonDecimal`), the keys in the order below —
 * no tree of objects to stringify and no placeholders to replace afterwards.
 */
import { dashedWorkspaceId } from '../../../platform/tenancy/ids.js';
import { anniversaryTimeOf } from '../../../platform/tenancy/tenant-rules.js';
import { jsonDecimal } from './raw-json.js';
import type { OrgUsage, ServiceUsage, SkuLine } from './usage-report.service.js';

/** A JSON string. */
const str = (value: string) => JSON.stringify(value);
/** A JSON number as JSON.stringify writes one (null when not finite). */
const num = (value: number) => (Number.isFinite(value) ? String(value) : 'null');

/** A SKU as the subscriptions call lists it: what the subscription is billed for and at what price (Navigator's published Sku fields, in their order), without the closing brace. */
function catalogSkuFields(line: SkuLine): string {
  return `{"skuName":${str(line.skuName)},"skuDescription":${str(line.skuDescription)},"crossReferenceSku":null,"geo":null,"regionCode":null,`
    + `"currency":${str(line.currency)},"paymentType":"","unitPrice":${line.unitPrice === null ? 'null' : str(line.unitPrice)},`
    + `"productFamily":${str(line.productFamily)},"customerSegment":null`;
}

/** A SKU line of the usage report's detail view: the SKU, then the usage fields the CSV's columns name. */
function usageSku(line: SkuLine): string {
  return `${catalogSkuFields(line)},"dataCenter":${str(line.dataCenter)},"billableUsageTimestamp":${num(line.periodStartMs)},`
    + `"usageQuantity":${jsonDecimal(line.usageQuantity)},"commitQuantity":${jsonDecimal(line.commitQuantity)},`
    + `"billableQuantity":${jsonDecimal(line.billableQuantity)},"price":${jsonDecimal(line.billedCost)}}`;
}

const catalogSku = (line: SkuLine) => `${catalogSkuFields(line)}}`;

export type SkuView = 'detail' | 'summary' | 'catalog';

function service(org: OrgUsage, s: ServiceUsage, view: SkuView): string {
  let skus = '';
  if (view !== 'summary') {
    const write = view === 'detail' ? usageSku : catalogSku;
    for (let i = 0; i < s.skus.length; i++) skus += (i ? ',' : '') + write(s.skus[i]!);
  }
  const pageSize = view === 'summary' ? 0 : s.skus.length;
  const status = s.active ? 'ACTIVE' : 'INACTIVE';
  return `{"serviceDefId":${str(s.serviceDefId)},"serviceName":${str(s.serviceName)},"serviceDescription":${str(s.description)},`
    + `"serviceUsageAmount":${jsonDecimal(s.usageAmount)},"serviceBillableUsageAmount":${jsonDecimal(s.billableAmount)},`
    + `"subscriptions":[{"sid":${str(s.subscriptionUuid)},"subscriptionUuid":${str(s.subscriptionUuid)},"skuData":{"skus":[${skus}],"pageSize":${pageSize}},`
    + `"subscriptionStartTime":${num(s.startMs)},"subscriptionEndTime":0,"anniversaryBillingTime":${num(anniversaryTimeOf(org.org.anniversary_billing_date))},`
    + `"status":"${status}","subscriptionType":"ON_DEMAND"}]}`;
}

/** The report's JSON array, as text. */
export function orgUsageJson(orgs: readonly OrgUsage[], view: SkuView): string {
  let out = '[';
  for (let i = 0; i < orgs.length; i++) {
    const o = orgs[i]!;
    let services = '';
    for (let j = 0; j < o.services.length; j++) services += (j ? ',' : '') + service(o, o.services[j]!, view);
    out += `${i ? ',' : ''}{"createTimestamp":${num(o.org.created_at.getTime())},"updateTimestamp":${num(o.org.updated_at.getTime())},`
      + `"orgId":${str(dashedWorkspaceId(o.org.id))},"orgName":${str(o.org.name)},"services":[${services}],`
      + `"orgUsageAmount":${jsonDecimal(o.usageAmount)},"orgBillableUsageAmount":${jsonDecimal(o.billableAmount)}}`;
  }
  return `${out}]`;
}
