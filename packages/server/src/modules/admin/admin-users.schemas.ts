/** Administration API schemas for a workspace's users (the console's people, ADR 0027). */
import { Type, type Static } from '@sinclair/typebox';
import { UUID_PATTERN } from '../../platform/formats/index.js';
import { WORKSPACE_ID_PATTERN } from '../../platform/tenancy/ids.js';

const PASSWORD = { maxLength: 1024, description: 'At least 12 characters. Generated (and shown once) when omitted.' };

export const UserParams = Type.Object({
  workspaceId: Type.String({ pattern: WORKSPACE_ID_PATTERN }),
  userId: Type.String({ pattern: UUID_PATTERN }),
});

export const CreateUser = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320, description: 'Unique in the installation; stored lower-case. The user signs in with it.' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Shown in the console; the e-mail's local part when omitted." })),
    password: Type.Optional(Type.String(PASSWORD)),
    roles: Type.Array(Type.String(), { uniqueItems: true, description: 'Role names, as for API clients; an empty list grants no permission.' }),
  },
  { additionalProperties: false },
);
export type CreateUser = Static<typeof CreateUser>;

export const SetPassword = Type.Object({ password: Type.Optional(Type.String(PASSWORD)) }, { additionalProperties: false });
export type SetPassword = Static<typeof SetPassword>;

export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  workspaceId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const UserWithPassword = Type.Intersect([
  User,
  Type.Object({ password: Type.Optional(Type.String({ description: 'Present only when the server generated the password: shown once, only its hash is stored.' })) }),
]);
