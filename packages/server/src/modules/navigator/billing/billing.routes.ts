/**
 * Navigator's billing calls at its own paths: the services usage report (JSON), its file (CSV,
 * streamed) and subscriptions. Query parameters are read by the service (`billing-query.ts`) so each
 * refusal is VMware's 400; the schemas here document them.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authOf } from '../../../platform/http/guards.js';
import { sendDownload } from '../../../platform/http/send-download.js';
import type { NavigatorDeps } from '../navigator-deps.js';
import { NAVIGATOR_TAGS as tags, OrgIdParams, cspErrorResponses } from '../navigator.schemas.js';
import type { BillingQuery } from './billing-query.js';
import { subscriptionsJson, usageReportFile, usageReportJson } from './billing.service.js';

const BILLING = '/cphub/api/billing/v1/orgs/:orgId';

/**
 * Navigator publishes no rate limits; a report reads up to six months of every tenant, so each
 * billing call is limited per workspace as the heavier GreenLake reads are (ADR 0020).
 */
const REPORTS_PER_MINUTE = 60;

const text = (description: string) => Type.Optional(Type.String({ description }));
const ReportQuery = Type.Object({
  startTime: text('Required. UNIX epoch seconds or milliseconds (a value above 1e12 is milliseconds); rounded down to the start of its billing period.'),
  endTime: text('UNIX epoch seconds or milliseconds; rounded down to the start of its billing period, which ends the range (at least one period). Absent: through the current period. At most six periods.'),
  tenantId: text('A tenant of the organization: the report covers it alone.'),
  serviceIds: text('Service definition ids, comma-separated: only these services.'),
  detailView: text('true: the summary view, without SKU lines.'),
  providerReport: text('true: the provider organization alone (overrides tenantId). Otherwise a provider\'s report covers all its tenants.'),
  abd: text('false: calendar months even for a tenant with an anniversary billing date.'),
});
const SubscriptionsQuery = Type.Object({
  tenantId: text('A tenant of the organization.'),
  allTenants: text('true: every tenant of the provider.'),
  providerReport: text('true: the provider organization alone.'),
});

/** The JSON array is written with exact decimals, so it goes out as text and is documented, not serialised, here (ADR 0020). */
const ReportBody = {
  description: 'An array of OrgUsage: createTimestamp, updateTimestamp, orgId, orgName, services[serviceDefId, serviceName, serviceDescription, serviceUsageAmount, serviceBillableUsageAmount, subscriptions[sid, subscriptionUuid, skuData{skus, pageSize}, subscriptionStartTime, subscriptionEndTime, anniversaryBillingTime, status, subscriptionType]], orgUsageAmount, orgBillableUsageAmount.',
  content: { 'application/json': { schema: { type: 'array', items: { type: 'object', additionalProperties: true } } } },
};

export function registerBillingRoutes(root: FastifyInstance, deps: NavigatorDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const call = (request: { params: { orgId: string }; query: unknown }, callerWorkspaceId: string) => ({
    callerWorkspaceId, orgId: request.params.orgId, query: request.query as BillingQuery, nowMs: deps.now(),
  });

  app.get(
    `${BILLING}/usage-report`,
    {
      // ADR 0034: the one-organization report's statement checks a remembered principal (usageReportJson).
      config: { permission: 'navigator.usage-report.view', cspAuth: true, rateLimit: { limit: REPORTS_PER_MINUTE, bucket: 'navigator.usage-report' }, principalCheckedByQuery: true },
      schema: {
        tags, operationId: 'navigatorUsageReport', summary: 'Generate a services usage report', params: OrgIdParams, querystring: ReportQuery,
        response: { 200: ReportBody, ...cspErrorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      return reply.type('application/json').send(await usageReportJson(db, call(request, auth.workspaceId), auth.unconfirmed));
    },
  );

  app.get(
    `${BILLING}/usage-report/file`,
    {
      config: { permission: 'navigator.usage-report.file', cspAuth: true, rateLimit: { limit: REPORTS_PER_MINUTE, bucket: 'navigator.usage-report.file' } },
      schema: {
        tags, operationId: 'navigatorUsageReportFile', summary: 'Download a services usage report as CSV', params: OrgIdParams, querystring: ReportQuery,
        response: { 200: { description: 'The report as CSV.', content: { 'text/csv': { schema: { type: 'string' } } } }, ...cspErrorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const file = await usageReportFile(db, call(request, authOf(request).workspaceId));
      await sendDownload(request, reply, { ...file, mediaType: 'text/csv; charset=utf-8', gzip: 'negotiate', vary: 'Accept-Encoding' });
    },
  );

  app.get(
    `${BILLING}/subscriptions`,
    {
      config: { permission: 'navigator.subscriptions.view', cspAuth: true, rateLimit: { limit: REPORTS_PER_MINUTE, bucket: 'navigator.subscriptions' } },
      schema: {
        tags, operationId: 'navigatorSubscriptions', summary: "An organization's subscriptions with their SKUs", params: OrgIdParams, querystring: SubscriptionsQuery,
        response: { 200: ReportBody, ...cspErrorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => reply.type('application/json').send(await subscriptionsJson(db, call(request, authOf(request).workspaceId))),
  );
}
