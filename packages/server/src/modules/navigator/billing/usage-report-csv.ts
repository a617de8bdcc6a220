/**
 * The usage report file (ADR 0020, Navigator's published CSV header): Navigator's header exactly, every field quoted (a quote
 * doubled), CRLF line ends as RFC 4180, one line per SKU per billing period; the billable usage
 * timestamp is the period's start in epoch milliseconds and `Price ()` the line's billed cost.
 */
import { dashedWorkspaceId } from '../../../platform/tenancy/ids.js';
import { jsonDecimal } from './raw-json.js';
import type { OrgUsage } from './usage-report.service.js';

export const CSV_HEADER = [
  'Org Id', 'Org Name', 'Org Status', 'Tag', 'Service Id', 'Service Name', 'Subscription Id', 'Sku Name', 'Sku Description', 'Datacenter',
  'Billable Usage Timestamp', 'Price ()', 'Usage Qty', 'Commit Qty', 'Billable Qty', 'Product Family', 'Customer Segment', 'Cross Reference Sku',
] as const;

const field = (value: string) => `"${value.replace(/"/g, '""')}"`;
const line = (values: readonly string[]) => `${values.map(field).join(',')}\r\n`;

export const csvHeaderLine = () => line(CSV_HEADER);

/** The lines of one batch of organizations. */
export function csvLines(orgs: readonly OrgUsage[]): string {
  let out = '';
  for (const o of orgs) {
    for (const s of o.services) {
      for (const sku of s.skus) {
        out += line([
          dashedWorkspaceId(o.org.id), o.org.name, 'ACTIVE', '', s.serviceDefId, s.serviceName, s.subscriptionUuid, sku.skuName, sku.skuDescription,
          sku.dataCenter, String(sku.periodStartMs), jsonDecimal(sku.billedCost), jsonDecimal(sku.usageQuantity), jsonDecimal(sku.commitQuantity),
          jsonDecimal(sku.billableQuantity), sku.productFamily, '', '',
        ]);
      }
    }
  }
  return out;
}
