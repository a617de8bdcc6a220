/** The provider's subscription key catalog: issue keys in bulk, list them with who holds each (role platform-admin). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { SubscriptionsDeps } from '../subscriptions-deps.js';
import { CatalogKey, CatalogQuery, ImportKeysBody, ImportKeysResult, MAX_KEYS_PER_IMPORT } from './key-catalog.schemas.js';
import * as service from './key-catalog.service.js';

const tags = ['Administration'];

export function registerKeyCatalogRoutes(root: FastifyInstance, deps: SubscriptionsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.post(
    '/admin/v1/subscription-keys',
    {
      config: { permission: 'platform.subscription-keys.manage' },
      // The body schema documents the request; the service validates it, because its issues must
      // name fields as `keys[3].sku` and include checks a schema cannot state (endTime after
      // startTime, a key twice in one request) in the same all-or-nothing list.
      validatorCompiler: ({ httpPart }) => {
        if (httpPart !== 'body') throw new Error(`no ${httpPart} schema expected on this route`);
        return () => true;
      },
      schema: {
        tags,
        operationId: 'importSubscriptionKeys',
        summary: 'Issue subscription keys into the provider catalog',
        description:
          `Adds 1..${MAX_KEYS_PER_IMPORT} keys in one transaction. Validation is all-or-nothing and lists every problem as ` +
          '`keys[i].field`. A key already in the catalog with identical data counts as `unchanged`, so an import can be ' +
          're-run; one with different data fails the whole request with 409 and nothing is written.',
        body: ImportKeysBody,
        response: { 200: ImportKeysResult, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    (request) => service.importKeys(db, request.body as unknown, new Date(deps.now())),
  );

  app.get(
    '/admin/v1/subscription-keys',
    {
      config: { permission: 'platform.subscription-keys.manage' },
      schema: {
        tags,
        operationId: 'listSubscriptionKeys',
        summary: 'List the provider catalog of subscription keys, across workspaces',
        querystring: CatalogQuery,
        response: { 200: pageSchema(CatalogKey), ...errorResponses(400, 401, 403) },
      },
    },
    (request) => service.listKeys(db, request.query, new Date(deps.now())),
  );
}
