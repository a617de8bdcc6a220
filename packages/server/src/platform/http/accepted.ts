/** The GreenLake 202 of an accepted operation: `{code, status, transactionId}`, `Location` naming what to poll. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';

/** The 202 body's schema; `transactionId` says what the operation is. */
export function acceptedSchema(transactionId: string) {
  return Type.Object({
    code: Type.Integer(),
    status: Type.String(),
    transactionId: Type.String({ description: transactionId }),
  });
}

export function sendAccepted(reply: FastifyReply, location: string, id: string) {
  return reply.status(202).header('Location', location).send({ code: 202, status: '202 ACCEPTED', transactionId: id });
}
