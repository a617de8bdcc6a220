/** The committed OpenAPI document and the SDK types generated from it match the route schemas (`npm run openapi` refreshes both). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/openapi-document.js';

const committedSpec = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const committedSdk = fileURLToPath(new URL('../../../sdk/src/schema.ts', import.meta.url));

describe('OpenAPI document', () => {
  it('is committed as generated from the route schemas', async () => {
    const generated = await openApiDocument();
    expect(readFileSync(committedSpec, 'utf8'), 'run `npm run build && npm run openapi`').toBe(generated);
    const doc = JSON.parse(generated);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/flex/v1beta1/orders', '/flex/v1beta1/orders/transform', '/flex/v1beta1/devices', '/flex/v1beta1/devices/{id}']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/flex/v1beta1/devices/{id}'].get.responses['404']).toBeDefined();
  });

  it('has SDK types generated from the committed document', async () => {
    const spec = JSON.parse(readFileSync(committedSpec, 'utf8'));
    const generated = astToString(await openapiTS(spec));
    const committed = readFileSync(committedSdk, 'utf8');
    // The CLI adds a header; compare the generated body.
    expect(committed.endsWith(generated), 'run `npm run openapi`').toBe(true);
  });
});
