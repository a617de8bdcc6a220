/**
 * startConsumo(): an in-process Consumo in stand-in mode (CONSUMO_STAND_IN=1) on a free port of
 * 127.0.0.1 and an in-memory embedded database, started as `consumo serve` starts it, for a test
 * suite of vitest, jest or any runner (nothing here is runner-specific).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConsumoClient } from '@consumo/sdk';
import { ConfigError, type RunningServer, openMigratedMemoryDatabase, startServer } from '@consumo/server';
import { type HarnessControl, harnessControl } from './control.js';
import { harnessClient } from './harness-client.js';
import { type HarnessCredentials, type StartConsumoOptions, harnessConfig } from './harness-config.js';

export interface Consumo {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The GreenLake token endpoint of the bootstrap workspace: POST client credentials here. */
  tokenUrl: string;
  /** The bootstrap client (every role, the control plane's platform-admin included) and its workspace. */
  credentials: HarnessCredentials;
  /** An SDK client signed in as that client; its token is renewed when the stand-in's clock has expired it. */
  client: ConsumoClient;
  /** The /_consumo/ control plane: reset, snapshots, clock, faults, request log (with find and verify). */
  control: HarnessControl;
  /** Stops the server, closes its database and removes its temporary files; safe to call twice. */
  stop(): Promise<void>;
}

/** The server's start-up lines (credentials, URL) go unprinted: the harness returns them, and a test's output is not the place. */
const unprinted = () => undefined;

/** A harness started from a snapshot authenticates with the snapshot's clients: say so plainly when they are not these. */
async function assertCredentialsWork(client: ConsumoClient, credentials: HarnessCredentials, snapshot: string): Promise<void> {
  try {
    await client.tokens.fetchToken();
  } catch (err) {
    throw new Error(
      `startConsumo: the snapshot ${snapshot} has no API client ${credentials.clientId} with this secret; ` +
        'start with the `credentials` the harness that took it had (the default ones unless it was given others)',
      { cause: err },
    );
  }
}

export async function startConsumo(options: StartConsumoOptions = {}): Promise<Consumo> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'consumo-testing-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  let server: RunningServer;
  let credentials: HarnessCredentials;
  let database: Awaited<ReturnType<typeof openMigratedMemoryDatabase>> | undefined;
  try {
    const harness = harnessConfig(options, workDir);
    credentials = harness.credentials;
    // A migrated in-memory database from the process's template: a second to start, not several.
    database = await openMigratedMemoryDatabase();
    server = await startServer(harness.config, unprinted, false, { build: { db: database } });
  } catch (err) {
    // A start refused before the server took the database (a snapshot that cannot load) must not leave it open.
    await database?.db.destroy().catch(() => undefined);
    removeWorkDir();
    if (err instanceof ConfigError && !err.message.startsWith('startConsumo:')) throw new ConfigError(`startConsumo: ${err.message}`);
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= server.stop().finally(() => {
      removeWorkDir();
    }));

  const baseUrl = server.url;
  const client = harnessClient({ baseUrl, clientId: credentials.clientId, clientSecret: credentials.clientSecret });
  if (options.snapshot !== undefined) {
    await assertCredentialsWork(client, credentials, options.snapshot).catch(async (err: unknown) => {
      await stop();
      throw err;
    });
  }
  return {
    baseUrl,
    tokenUrl: `${baseUrl}/authorization/v2/oauth2/${credentials.workspaceId}/token`,
    credentials,
    client,
    control: harnessControl(client),
    stop,
  };
}
