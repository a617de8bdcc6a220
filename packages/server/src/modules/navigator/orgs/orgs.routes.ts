/**
 * Navigator's organization calls: the caller's organizations, one organization, and a provider's
 * tenants (list and create), at Navigator's own paths.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authOf } from '../../../platform/http/guards.js';
import type { NavigatorDeps } from '../navigator-deps.js';
import { CreateTenant, NAVIGATOR_TAGS as tags, Org, OrgIdParams, cspErrorResponses } from '../navigator.schemas.js';
import { createTenant, listTenants, orgDto, ownOrg, visibleOrg } from './orgs.service.js';

const ORG = '/cphub/api/core/v1/mgmt/orgs/:orgId';

/** Navigator publishes no rate limits; organization calls get the budget of GreenLake's light reads (ADR 0020). */
const ORG_CALLS_PER_MINUTE = 300;

export function registerOrgRoutes(root: FastifyInstance, deps: NavigatorDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.get(
    '/cphub/api/auth/v1/loggedinuser/orgs',
    {
      config: { permission: 'navigator.orgs.view', cspAuth: true, rateLimit: { limit: ORG_CALLS_PER_MINUTE, bucket: 'navigator.orgs' } },
      schema: {
        tags, operationId: 'navigatorLoggedInUserOrgs', summary: "The caller's organizations (an API token belongs to one)",
        response: { 200: Type.Object({ loggedInUserOrgs: Type.Array(Org) }), ...cspErrorResponses(401, 403, 404, 429) },
      },
    },
    async (request) => ({ loggedInUserOrgs: [orgDto(await ownOrg(db, authOf(request).workspaceId))] }),
  );

  // Navigator's documented path ends in a slash; both spellings answer.
  for (const url of [`${ORG}/`, ORG]) {
    app.get(
      url,
      {
        config: { permission: 'navigator.orgs.view', cspAuth: true, rateLimit: { limit: ORG_CALLS_PER_MINUTE, bucket: 'navigator.orgs' } },
        schema: {
          tags, operationId: url.endsWith('/') ? 'navigatorGetOrg' : 'navigatorGetOrgNoSlash', summary: "An organization: the caller's own or one of its tenants",
          params: OrgIdParams, response: { 200: Org, ...cspErrorResponses(400, 401, 403, 404, 429) },
          ...(url.endsWith('/') ? {} : { hide: true }),
        },
      },
      async (request) => orgDto(await visibleOrg(db, authOf(request).workspaceId, request.params.orgId)),
    );
  }

  app.get(
    `${ORG}/tenants`,
    {
      config: { permission: 'navigator.tenants.manage', cspAuth: true, rateLimit: { limit: ORG_CALLS_PER_MINUTE, bucket: 'navigator.tenants' } },
      schema: { tags, operationId: 'navigatorListTenants', summary: "A provider's tenant organizations", params: OrgIdParams, response: { 200: Type.Array(Org), ...cspErrorResponses(400, 401, 403, 404, 429) } },
    },
    (request) => listTenants(db, authOf(request).workspaceId, request.params.orgId),
  );

  app.post(
    `${ORG}/tenants`,
    {
      config: { permission: 'navigator.tenants.manage', cspAuth: true, rateLimit: { limit: ORG_CALLS_PER_MINUTE, bucket: 'navigator.tenants' } },
      schema: {
        tags, operationId: 'navigatorCreateTenant', summary: 'Create a tenant organization under a provider', params: OrgIdParams, body: CreateTenant,
        response: { 201: Org, ...cspErrorResponses(400, 401, 403, 404, 415, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await createTenant(db, authOf(request).workspaceId, request.params.orgId, request.body)),
  );
}
