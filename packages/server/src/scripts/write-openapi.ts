/** Regenerates packages/server/openapi.json from the route schemas (`npm run openapi`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../openapi-document.js';

const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
writeFileSync(target, await openApiDocument());
console.log(`wrote ${target}`);
