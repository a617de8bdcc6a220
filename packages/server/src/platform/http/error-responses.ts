/** OpenAPI response entries for the GreenLake error envelope, so every route documents its error codes. */
import { Type } from '@sinclair/typebox';
import { errorCatalog } from '../errors/index.js';

export const GreenLakeError = Type.Object(
  {
    httpStatusCode: Type.Integer(),
    errorCode: Type.String(),
    message: Type.String(),
    debugId: Type.String(),
    errorDetails: Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true })),
  },
  { $id: 'GreenLakeError', title: 'GreenLake error' },
);

const messageOf = (status: number) =>
  Object.values(errorCatalog).find((entry) => entry.status === status)?.message ?? 'Error';

export function errorResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Ref(GreenLakeError, { description: messageOf(status) })]),
  );
}
