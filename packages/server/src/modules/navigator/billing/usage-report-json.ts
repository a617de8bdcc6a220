/**
 * The usage report and subscriptions as Navigator writes them (ADR 0020, the vendor's example):
 * an array of organizations → services → subscriptions → `skuData.skus`, keys in the documented
 * order, amounts and quantities as exact JSON numbers, times in epoch milliseconds (0 = unset).
 * Values Consumo does not know (`crossReferenceSku`, `geo`, `regionCode`, `customerSegment`) are
 * null rather than made up; `paymentType` is "" as the vendor's own example shows it.
 */
import { dashedWorkspaceId } from '../../../platform/tenancy/ids.js';
import { anniversaryTimeOf } from '../../../platform/tenancy/tenant-rules.js';
import { DecimalNumber, type JsonValue } from './raw-json.js';
import type { OrgUsage, ServiceUsage, SkuLine } from './usage-report.service.js';

/** A SKU as the subscriptions call lists it: what the subscription is billed for and at what price (Navigator's published Sku fields, in their order). */
function catalogSku(line: SkuLine): { [key: string]: JsonValue } {
  return {
    skuName: line.skuName,
    skuDescription: line.skuDescription,
    crossReferenceSku: null,
    geo: null,
    regionCode: null,
    currency: line.currency,
    paymentType: '',
    unitPrice: line.unitPrice,
    productFamily: line.productFamily,
    customerSegment: null,
  };
}

/** A SKU line of the usage report's detail view: the SKU, then the usage fields the CSV's columns name. */
function usageSku(line: SkuLine): JsonValue {
  return {
    ...catalogSku(line),
    dataCenter: line.dataCenter,
    billableUsageTimestamp: line.periodStartMs,
    usageQuantity: new DecimalNumber(line.usageQuantity),
    commitQuantity: new DecimalNumber(line.commitQuantity),
    billableQuantity: new DecimalNumber(line.billableQuantity),
    price: new DecimalNumber(line.billedCost),
  };
}

export type SkuView = 'detail' | 'summary' | 'catalog';

function service(org: OrgUsage, s: ServiceUsage, view: SkuView): JsonValue {
  const skus = view === 'summary' ? [] : s.skus.map(view === 'detail' ? usageSku : catalogSku);
  return {
    serviceDefId: s.serviceDefId,
    serviceName: s.serviceName,
    serviceDescription: s.description,
    serviceUsageAmount: new DecimalNumber(s.usageAmount),
    serviceBillableUsageAmount: new DecimalNumber(s.billableAmount),
    subscriptions: [
      {
        sid: s.subscriptionUuid,
        subscriptionUuid: s.subscriptionUuid,
        skuData: { skus, pageSize: skus.length },
        subscriptionStartTime: s.startMs,
        subscriptionEndTime: 0,
        anniversaryBillingTime: anniversaryTimeOf(org.org.anniversary_billing_date),
        status: s.active ? 'ACTIVE' : 'INACTIVE',
        subscriptionType: 'ON_DEMAND',
      },
    ],
  };
}

export function orgUsageJson(orgs: readonly OrgUsage[], view: SkuView): JsonValue {
  return orgs.map((o) => ({
    createTimestamp: o.org.created_at.getTime(),
    updateTimestamp: o.org.updated_at.getTime(),
    orgId: dashedWorkspaceId(o.org.id),
    orgName: o.org.name,
    services: o.services.map((s) => service(o, s, view)),
    orgUsageAmount: new DecimalNumber(o.usageAmount),
    orgBillableUsageAmount: new DecimalNumber(o.billableAmount),
  }));
}
