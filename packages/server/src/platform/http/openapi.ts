/** The OpenAPI 3.1 document, generated from the route schemas, served at /openapi.json and rendered at /docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_INFO = {
  title: 'Consumo API',
  description:
    'Consumption analytics for pay-per-use infrastructure. Serves HPE GreenLake Flex Solutions v1beta1 with the ' +
    "vendor's paths, bodies, errors and rate limits, plus Consumo's administration API. Authenticate with " +
    '`POST /authorization/v2/oauth2/{workspaceId}/token` (client credentials) and send the token as a bearer token.',
  version: '0.1.0',
  license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
};

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      servers: [{ url: '/', description: 'This server' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
