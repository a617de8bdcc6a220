/**
 * Auto-subscription settings routes, v1 and the deprecated v1alpha1 (same bodies and shapes):
 * schema, permission and rate limit per route; the service does the work.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import { DEPRECATION, SUNSET, deprecationHeaders } from '../../../platform/http/deprecation.js';
import type { SubscriptionsDeps } from '../subscriptions-deps.js';
import {
  AutoSubscriptionSettings,
  AutoSubscriptionSettingsListItem,
  ListQuery,
  PatchBody,
  PatchHeaders,
  SettingsParams,
} from './auto-settings.schemas.js';
import * as service from './auto-settings.service.js';
import type { AutoSettingsVersion } from './auto-settings.service.js';

// HPE documents 25 requests per minute, per workspace, on each of the three endpoints of both versions.
const PER_MINUTE = 25;
const tags = ['Subscription Management'];

interface VersionSpec {
  version: AutoSettingsVersion;
  /** operationId suffix. */
  suffix: string;
  deprecated: boolean;
}

const VERSIONS: readonly VersionSpec[] = [
  { version: 'v1', suffix: 'V1', deprecated: false },
  { version: 'v1alpha1', suffix: 'V1Alpha1', deprecated: true },
];

export function registerAutoSettingsRoutes(root: FastifyInstance, deps: SubscriptionsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, now } = deps;

  for (const { version, suffix, deprecated } of VERSIONS) {
    const base = `/subscriptions/${version}/auto-subscription-settings`;
    const bucket = `subscriptions.${version}.auto-settings`;
    const onSend = deprecated ? [deprecationHeaders] : [];
    const note = deprecated ? ` Deprecated: responses carry \`Deprecation: ${DEPRECATION}\` and \`Sunset: ${SUNSET}\`; use v1.` : '';

    app.get(
      base,
      {
        onSend,
        config: { permission: 'subscriptions.view', rateLimit: { limit: PER_MINUTE, bucket: `${bucket}.list` } },
        schema: {
          tags,
          operationId: `getAutoSubscriptions${suffix}`,
          summary: 'Get auto-subscription settings',
          description: `The caller's workspace settings, as a one-item list (no filtering). 25 requests per minute per workspace.${note}`,
          deprecated,
          querystring: ListQuery,
          response: { 200: pageSchema(AutoSubscriptionSettingsListItem), ...errorResponses(400, 401, 403, 429, 500) },
        },
      },
      (request) => service.listSettings(db, authOf(request).workspaceId, version, request.query),
    );

    app.get(
      `${base}/:id`,
      {
        onSend,
        config: { permission: 'subscriptions.view', rateLimit: { limit: PER_MINUTE, bucket: `${bucket}.get` } },
        schema: {
          tags,
          operationId: `getAutoSubscriptionById${suffix}`,
          summary: 'Get auto-subscription settings by id',
          description: `By the settings id or the workspace id; another workspace's id is 404. 25 requests per minute per workspace.${note}`,
          deprecated,
          params: SettingsParams,
          response: { 200: AutoSubscriptionSettings, ...errorResponses(400, 401, 403, 404, 429, 500) },
        },
      },
      (request) => service.getSettings(db, authOf(request).workspaceId, version, request.params.id),
    );

    app.patch(
      `${base}/:id`,
      {
        onSend,
        config: { permission: 'subscriptions.edit', rateLimit: { limit: PER_MINUTE, bucket: `${bucket}.update` } },
        schema: {
          tags,
          operationId: `updateAutoSubscriptions${suffix}`,
          summary: 'Update auto-subscription settings',
          description:
            'A JSON merge patch (`application/merge-patch+json`), merged by device type: a listed device type gets the ' +
            'tier given, a new one is added, `tier: null` removes it. Every change increments `generation`; ' +
            `\`If-Match: <generation>\` makes the update conditional (412 otherwise). 25 requests per minute per workspace.${note}`,
          deprecated,
          params: SettingsParams,
          consumes: ['application/merge-patch+json', 'application/json'],
          headers: PatchHeaders,
          body: PatchBody,
          response: { 200: AutoSubscriptionSettings, ...errorResponses(400, 401, 403, 404, 412, 415, 429, 500) },
        },
      },
      (request) =>
        service.updateSettings(db, authOf(request).workspaceId, version, request.params.id, request.body, request.headers['if-match'], now),
    );
  }
}
