/** The OpenAPI document as committed: built from a throwaway in-memory app, pretty-printed. */
import { buildApp } from './app.js';
import { testConfig } from './config.js';

export async function openApiDocument(): Promise<string> {
  // Stand-in mode on: its /_consumo/ routes are documented (as served only in that mode).
  const { app } = await buildApp(testConfig({ standIn: true }));
  try {
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
