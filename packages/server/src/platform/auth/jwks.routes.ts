/** Publishes the public token-signing keys, so anyone can verify a Consumo token offline. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { SigningKeys } from './signing-keys.js';

export function registerJwksRoute(app: FastifyInstance, keys: SigningKeys): void {
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['Authorization'],
        operationId: 'getJwks',
        summary: 'Public keys that sign access tokens (JWKS)',
        security: [],
        response: { 200: Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) }) },
      },
    },
    async (_request, reply) => reply.header('Cache-Control', 'public, max-age=300').send(keys.jwks()),
  );
}
