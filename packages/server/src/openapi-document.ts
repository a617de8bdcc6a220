/** The OpenAPI document as committed: built from a throwaway in-memory app, pretty-printed. */
import { buildApp } from './app.js';
import { testConfig } from './config.js';

export async function openApiDocument(): Promise<string> {
  const { app } = await buildApp(testConfig());
  try {
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
