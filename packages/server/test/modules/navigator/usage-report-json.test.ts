/** The report's JSON, written in one pass: the documented keys in order, strings as JSON.stringify writes them, decimals exact. */
import { describe, expect, it } from 'vitest';
import { orgUsageJson } from '../../../src/modules/navigator/billing/usage-report-json.js';
import type { OrgUsage, SkuLine } from '../../../src/modules/navigator/billing/usage-report.service.js';

const line = (over: Partial<SkuLine> = {}): SkuLine => ({
  skuName: 'VCD-VM-VCPU-HR', skuDescription: 'Cloud Director VM, "per" vCPU-hour\\', currency: 'USD', unitPrice: '0.0312', dataCenter: 'eu-central-1,us-west-2',
  productFamily: 'Compute', periodStartMs: 1780272000000, usageQuantity: '395827.123456789012345000', commitQuantity: null,
  billableQuantity: '395828', listCost: '12345.67891234', billedCost: '-0.50', ...over,
});

const report: OrgUsage[] = [
  {
    org: {
      id: '0123456789abcdef0123456789abcdef', name: 'Tenant \u00e9 "one"\n\u0001', parent_id: 'fedcba9876543210fedcba9876543210', company_name: null,
      anniversary_billing_date: '2025-03-15', is_system: false, created_at: new Date(1700000000123), updated_at: new Date(1700000009999),
    } as OrgUsage['org'],
    periods: [],
    services: [
      {
        serviceName: 'VMware Cloud Director', serviceDefId: 'd1', description: 'Virtual Machines', subscriptionUuid: 's1', startMs: 1600000000000, active: true,
        usageAmount: '123456789012345678.123456789012345678', billableAmount: '7', skus: [line(), line({ skuName: 'B', unitPrice: null, commitQuantity: '30.000', usageQuantity: null })],
      },
      { serviceName: 'VMware NSX', serviceDefId: 'd2', description: 'Network', subscriptionUuid: 's2', startMs: 0, active: false, usageAmount: '0', billableAmount: '0.10', skus: [] },
    ],
    usageAmount: '10.10',
    billableAmount: '-0.000',
  },
  {
    org: { id: 'ffffffffffffffffffffffffffffffff', name: 'Empty', parent_id: null, company_name: null, anniversary_billing_date: null, is_system: false, created_at: new Date(0), updated_at: new Date(0) } as OrgUsage['org'],
    periods: [],
    services: [],
    usageAmount: '0',
    billableAmount: '0',
  },
];

/** Decimal numbers turned into strings, so they compare exactly. */
const exact = (text: string) => JSON.parse(text.replace(/([:[,])(-?\d+\.\d+)(?=[,}\]])/g, '$1"$2"'));

describe('orgUsageJson', () => {
  it('writes the detail view: keys in the documented order, strings escaped as JSON.stringify does, decimals exact with one decimal place at least', () => {
    const text = orgUsageJson(report, 'detail');
    const sku = (l: SkuLine) => ({
      skuName: l.skuName, skuDescription: l.skuDescription, crossReferenceSku: null, geo: null, regionCode: null, currency: 'USD', paymentType: '', unitPrice: l.unitPrice,
      productFamily: 'Compute', customerSegment: null, dataCenter: l.dataCenter, billableUsageTimestamp: 1780272000000,
    });
    const expected = [
      {
        createTimestamp: 1700000000123, updateTimestamp: 1700000009999, orgId: '01234567-89ab-cdef-0123-456789abcdef', orgName: 'Tenant \u00e9 "one"\n\u0001',
        services: [
          {
            serviceDefId: 'd1', serviceName: 'VMware Cloud Director', serviceDescription: 'Virtual Machines',
            serviceUsageAmount: '123456789012345678.123456789012345678', serviceBillableUsageAmount: '7.0',
            subscriptions: [{
              sid: 's1', subscriptionUuid: 's1',
              skuData: {
                skus: [
                  { ...sku(line()), usageQuantity: '395827.123456789012345', commitQuantity: '0.0', billableQuantity: '395828.0', price: '-0.5' },
                  { ...sku(line({ skuName: 'B', unitPrice: null })), usageQuantity: '0.0', commitQuantity: '30.0', billableQuantity: '395828.0', price: '-0.5' },
                ],
                pageSize: 2,
              },
              subscriptionStartTime: 1600000000000, subscriptionEndTime: 0, anniversaryBillingTime: Date.parse('2025-03-15T00:00:00Z'), status: 'ACTIVE', subscriptionType: 'ON_DEMAND',
            }],
          },
          {
            serviceDefId: 'd2', serviceName: 'VMware NSX', serviceDescription: 'Network', serviceUsageAmount: '0.0', serviceBillableUsageAmount: '0.1',
            subscriptions: [{
              sid: 's2', subscriptionUuid: 's2', skuData: { skus: [], pageSize: 0 }, subscriptionStartTime: 0, subscriptionEndTime: 0,
              anniversaryBillingTime: Date.parse('2025-03-15T00:00:00Z'), status: 'INACTIVE', subscriptionType: 'ON_DEMAND',
            }],
          },
        ],
        orgUsageAmount: '10.1',
        orgBillableUsageAmount: '0.0',
      },
      { createTimestamp: 0, updateTimestamp: 0, orgId: 'ffffffff-ffff-ffff-ffff-ffffffffffff', orgName: 'Empty', services: [], orgUsageAmount: '0.0', orgBillableUsageAmount: '0.0' },
    ];
    // The same values and the same key order: JSON.stringify writes keys in insertion order.
    expect(JSON.stringify(exact(text))).toBe(JSON.stringify(expected));
    // Decimals are bare numbers in the text, never strings or floats.
    expect(text).toContain('"serviceUsageAmount":123456789012345678.123456789012345678,');
    expect(text).toContain('"price":-0.5}');
    // Nothing but what JSON.parse reads back.
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('writes the summary view without SKU lines, and the catalog view with the Sku fields only', () => {
    const summary = exact(orgUsageJson(report, 'summary'));
    expect(summary[0].services[0].subscriptions[0].skuData).toEqual({ skus: [], pageSize: 0 });
    expect(summary[0].services[0].serviceUsageAmount).toBe('123456789012345678.123456789012345678');
    const catalog = exact(orgUsageJson(report, 'catalog'));
    const skus = catalog[0].services[0].subscriptions[0].skuData;
    expect(skus.pageSize).toBe(2);
    expect(Object.keys(skus.skus[0])).toEqual(['skuName', 'skuDescription', 'crossReferenceSku', 'geo', 'regionCode', 'currency', 'paymentType', 'unitPrice', 'productFamily', 'customerSegment']);
    expect(skus.skus[1].unitPrice).toBeNull();
  });

  it('writes an empty report as an empty array', () => {
    expect(orgUsageJson([], 'detail')).toBe('[]');
  });
});
