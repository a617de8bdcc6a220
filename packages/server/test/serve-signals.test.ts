/**
 * startServer's onListening runs before the server prints its address: a process manager (or a
 * test) that sends SIGTERM on reading "listening" must always find the handlers stopOnSignals
 * installs there. Sent before they were installed, the signal ended the process outright, no drain.
 */
import { describe, expect, it } from 'vitest';
import { testConfig } from '../src/config.js';
import { startServer } from '../src/serve.js';
import { openMigratedMemoryDatabase } from '../src/storage/memory-template.js';

describe('startServer', () => {
  it('calls onListening with the listening server before it prints the address', async () => {
    const printed: string[] = [];
    const seen: { at: number; status: number }[] = [];
    const db = await openMigratedMemoryDatabase();
    const server = await startServer(testConfig({ port: 0, host: '127.0.0.1' }), (line) => printed.push(line), false, {
      build: { db },
      onListening: (listening) => {
        // Nothing printed yet, and the server already answers.
        seen.push({ at: printed.length, status: 0 });
        void globalThis.fetch(`${listening.url}/health/live`).then((res) => (seen[0]!.status = res.status));
      },
    });
    try {
      expect(seen).toHaveLength(1);
      expect(seen[0]!.at).toBe(0);
      expect(printed.some((line) => line.startsWith(`Consumo listening on ${server.url}`))).toBe(true);
      await expect.poll(() => seen[0]!.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
