/** Administration API schemas: roles, workspaces, API clients. */
import { Type, type Static } from '@sinclair/typebox';
import { pagingQuery } from '../../platform/query/index.js';
import { UUID_PATTERN } from '../../platform/formats/index.js';
import { WORKSPACE_ID_PATTERN } from '../../platform/tenancy/ids.js';

export const Role = Type.Object({
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.String()),
});

export const Workspace = Type.Object({
  id: Type.String({ pattern: WORKSPACE_ID_PATTERN, description: '32 lowercase hex digits, as GreenLake workspace ids.' }),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const CreateWorkspace = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
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
