/** Administration API schemas: roles, workspaces, API clients. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { pagingQuery } from '../../platform/query/index.js';
import { UUID_PATTERN } from '../../platform/formats/index.js';
import { WORKSPACE_ID_PATTERN } from '../../platform/tenancy/ids.js';

export const Role = Type.Object({
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.String()),
});

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Workspace = Type.Object({
  id: Type.String({ pattern: WORKSPACE_ID_PATTERN, description: '32 lowercase hex digits, as GreenLake workspace ids.' }),
  name: Type.String(),
  parentId: Nullable(Type.String({ description: "A tenant's provider workspace (VMware Cloud Partner Navigator organizations); null otherwise." })),
  companyName: Nullable(Type.String()),
  anniversaryBillingDate: Nullable(Type.String({ format: 'date', description: "A tenant's anniversary billing date: its billing periods start on this day of the month." })),
  createdAt: Type.String({ format: 'date-time' }),
});

export const CreateWorkspace = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parentId: Type.Optional(Type.String({ pattern: WORKSPACE_ID_PATTERN, description: 'Makes the workspace a tenant of this provider workspace (one level: a tenant cannot have tenants).' })),
    companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    anniversaryBillingDate: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD; billing periods (Navigator usage reports) start on its day of the month.' })),
  },
  { additionalProperties: false },
);
export type CreateWorkspace = Static<typeof CreateWorkspace>;

export const WorkspaceParams = Type.Object({ workspaceId: Type.String({ pattern: WORKSPACE_ID_PATTERN }) });
export const ClientParams = Type.Object({
  workspaceId: Type.String({ pattern: WORKSPACE_ID_PATTERN }),
  clientId: Type.String({ pattern: UUID_PATTERN }),
});

export const CreateApiClient = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(Type.String(), { uniqueItems: true, description: 'Role names; an empty list grants no permission.' }),
  },
  { additionalProperties: false },
);
export type CreateApiClient = Static<typeof CreateApiClient>;

export const ApiClient = Type.Object({
  clientId: Type.String({ format: 'uuid' }),
  workspaceId: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const CreatedApiClient = Type.Intersect([
  ApiClient,
  Type.Object({ clientSecret: Type.String({ description: 'Shown once; only its hash is stored.' }) }),
]);

export const AdminPaging = Type.Object(pagingQuery({ defaultLimit: 50, maxLimit: 500 }));
export type AdminPaging = Static<typeof AdminPaging>;

// --- workspace API tokens (VMware Cloud Partner Navigator) ---

export const ApiTokenParams = Type.Object({
  workspaceId: Type.String({ pattern: WORKSPACE_ID_PATTERN }),
  tokenId: Type.String({ pattern: UUID_PATTERN }),
});

export const CreateApiToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(Type.String(), { uniqueItems: true, description: 'Role names (e.g. `provider-administrator`); an empty list grants no permission.' }),
    ttlDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3650, default: 180, description: 'Days until the token expires; 180 (six months) when omitted.' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateApiToken = Static<typeof CreateApiToken>;

const apiTokenFields = {
  id: Type.String({ format: 'uuid' }),
  workspaceId: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
};

export const ApiToken = Type.Object({
  ...apiTokenFields,
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the token was revoked; null while it is not.' }),
});

export const CreatedApiToken = Type.Object({
  ...apiTokenFields,
  token: Type.String({ description: 'Shown once; only its SHA-256 is stored. Exchange it at `POST /cphub/api/auth/v1/authn/accesstoken` or `POST /csp/gateway/am/api/auth/api-tokens/authorize`.' }),
});
