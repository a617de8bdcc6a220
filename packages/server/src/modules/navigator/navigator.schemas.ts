/** Shapes the Navigator family documents in the OpenAPI document: its error body and organizations. */
import { Type, type Static } from '@sinclair/typebox';

export const NAVIGATOR_TAGS = ['VMware Cloud Partner Navigator'];

const CspErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    errorCode: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    cspErrorCode: Type.String(),
    moduleCode: Type.String(),
  },
  { title: 'CSP error' },
);

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is incomplete or incorrect.',
  401: 'Authentication required: no valid csp-auth-token.',
  403: "The caller's organization roles do not allow this.",
  404: 'No such organization (or not one the caller may see).',
  415: 'The body is not of a media type this endpoint takes.',
  429: 'Too many requests: wait the Retry-After seconds.',
};

/** OpenAPI response entries in VMware's error shape. */
export function cspErrorResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(statuses.map((status) => [status, Type.Object(CspErrorBody.properties, { title: 'CSP error', description: DESCRIPTIONS[status] ?? 'Error' })]));
}

export const OrgIdParams = Type.Object({
  orgId: Type.String({ maxLength: 64, description: 'An organization (workspace) id: dashed UUID form or 32 hex digits.' }),
});

export const Org = Type.Object({
  id: Type.String({ description: 'Dashed UUID form of the workspace id.' }),
  displayName: Type.String(),
  companyName: Type.Union([Type.String(), Type.Null()]),
  status: Type.Literal('ACTIVE'),
  orgType: Type.Union([Type.Literal('PROVIDER'), Type.Literal('TENANT')]),
  parentOrgId: Type.Union([Type.String(), Type.Null()]),
  anniversaryBillingTime: Type.Integer({ description: 'Epoch milliseconds of the anniversary billing date (UTC midnight); 0 when none.' }),
  createTimestamp: Type.Integer({ description: 'Epoch milliseconds.' }),
  updateTimestamp: Type.Integer({ description: 'Epoch milliseconds.' }),
});
export type Org = Static<typeof Org>;

export const CreateTenant = Type.Object(
  {
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    anniversaryBillingTime: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 253_402_300_799_999, description: 'Epoch milliseconds; its UTC day of the month starts each billing period. 0 or absent: calendar months.' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateTenant = Static<typeof CreateTenant>;
