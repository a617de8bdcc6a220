/**
 * docs/fidelity.md is what the vendor catalogue and the routes make it, and the two agree: every
 * route under a vendor's paths is catalogued, every served operation has its route, and a published
 * rate limit is the one served (regenerate with npm run docs).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fidelityProblems, fidelityReport } from '../../src/scripts/fidelity/fidelity-report.js';
import { type ServedRoute, servedRoutes, vendorPath } from '../../src/scripts/fidelity/served-routes.js';
import { VENDOR_OPERATIONS } from '../../src/scripts/fidelity/vendor-operations.js';
import { FIDELITY_DOC, adrFiles } from '../../src/scripts/write-fidelity-doc.js';

describe('docs/fidelity.md', () => {
  let routes: ServedRoute[];
  beforeAll(async () => {
    routes = await servedRoutes();
  });

  it('agrees with the routes: nothing served uncatalogued, nothing catalogued unserved, published limits served', () => {
    expect(fidelityProblems(routes, adrFiles())).toEqual([]);
  });

  it('is the report the catalogue and the routes make now', () => {
    expect(readFileSync(FIDELITY_DOC, 'utf8')).toBe(fidelityReport(routes, adrFiles()));
  });

  it('covers every operation of the seeds', () => {
    const fromSeeds = VENDOR_OPERATIONS.filter((op) => op.documentedIn === 'seed').map((op) => `${op.method} ${op.path}`);
    expect(fromSeeds).toEqual(expect.arrayContaining([
      'GET /consumption-analytics/v1beta1/focus-exports',
      'GET /consumption-analytics/v1beta1/focus-exports/{id}',
      'GET /consumption-analytics/v1beta1/focus-exports/{id}/contents',
      'GET /flex/v1beta1/orders',
      'GET /flex/v1beta1/orders/transform',
      'GET /flex/v1beta1/devices',
      'GET /flex/v1beta1/devices/{id}',
      'GET /cphub/api/billing/v1/orgs/{orgId}/usage-report',
      'POST /subscriptions/v1/subscriptions',
      'PATCH /subscriptions/v1/subscriptions',
      'GET /subscriptions/v1/subscriptions',
      'GET /subscriptions/v1/subscriptions/{id}',
      'GET /subscriptions/v1/async-operations/{id}',
      'GET /rest/v1/budgets/budget/accountId/{accountId}',
    ]));
  });

  it('finds each kind of drift', () => {
    const adrs = adrFiles();
    const withoutDevices = routes.filter((r) => r.path !== '/flex/v1beta1/devices/{id}');
    expect(fidelityProblems(withoutDevices, adrs)).toEqual(['GET /flex/v1beta1/devices/{id} is catalogued as served but no route serves it']);

    const extra: ServedRoute = { ...routes.find((r) => r.path === '/flex/v1beta1/orders')!, path: '/flex/v1beta1/invoices' };
    expect(fidelityProblems([...routes, extra], adrs)).toEqual([
      'GET /flex/v1beta1/invoices is under HPE Flex Solutions API v1beta1 but neither a vendor operation nor an extension',
    ]);

    const slower = routes.map((r) => (r.path === '/flex/v1beta1/orders' ? { ...r, rateLimit: { limit: 50, windowMs: 60_000 } } : r));
    expect(fidelityProblems(slower, adrs)).toEqual(['GET /flex/v1beta1/orders serves 50 requests a minute; the vendor publishes 100']);

    expect(fidelityProblems(routes, adrs.filter((f) => !f.startsWith('0009-')))).toEqual(['ADR 0009 is cited but docs/adr has no 0009-*.md']);
  });

  it("writes Fastify's parameters as the vendors do", () => {
    expect(vendorPath('/flex/v1beta1/devices/:id')).toBe('/flex/v1beta1/devices/{id}');
    expect(vendorPath('/cphub/api/core/v1/mgmt/orgs/:orgId/')).toBe('/cphub/api/core/v1/mgmt/orgs/{orgId}/');
  });
});
