/** startServer(config): build the app, bootstrap an empty database, listen, and shut down gracefully on SIGTERM/SIGINT. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, ConfigError } from './config.js';
import { bootstrap, type BootstrapCredentials } from './platform/bootstrap.js';
import { seedBudgetsDemo, seedFlexDemo, seedFocusExportsDemo, seedMeteringDemo, seedNavigatorDemo, seedSubscriptionsDemo } from './demo/index.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  credentials: BootstrapCredentials | undefined;
  stop(): Promise<void>;
}

function writeCredentials(file: string, credentials: BootstrapCredentials, tokenUrl: string, baseUrl: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = { workspace_id: credentials.workspaceId, client_id: credentials.clientId, client_secret: credentials.clientSecret, token_url: tokenUrl, url: baseUrl };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** The one line a user reads when the port is taken (a ConfigError: the CLI prints it and exits 2). */
function portInUse(config: Config): ConfigError {
  return new ConfigError(
    `cannot listen on ${config.host}:${config.port}: the port is in use by another process; stop it, or set PORT to another port (PORT=0 picks a free one)`,
  );
}

const isAddressInUse = (err: unknown) => (err as { code?: string } | undefined)?.code === 'EADDRINUSE';

/**
 * Fails fast when the port is taken, before the database is opened, migrated or filled with demo
 * data: binding it for a moment is the only exact test. (Another process may still take it before
 * the real listen; that case ends with the same message.)
 */
async function assertPortFree(config: Config): Promise<void> {
  if (config.port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (err) => reject(isAddressInUse(err) ? portInUse(config) : err));
    probe.listen({ port: config.port, host: config.host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  await assertPortFree(config);
  const { app, db, engine, jobs } = await buildApp(config);
  const credentials = await bootstrap(db, config);
  if (credentials && config.demo) {
    const seeded = await seedFlexDemo(db, credentials.workspaceId, {});
    app.log.info(seeded, 'demo workspace filled');
    const issued = await seedSubscriptionsDemo(db, credentials.workspaceId);
    app.log.info(issued, 'demo subscription keys issued');
    const metered = await seedMeteringDemo(db, credentials.workspaceId);
    app.log.info(metered, 'demo usage ingested and rated');
    app.log.info(await seedFocusExportsDemo(db, credentials.workspaceId), 'demo FOCUS export definitions');
    app.log.info(await seedBudgetsDemo(db, credentials.workspaceId), 'demo budgets and their alerts');
    app.log.info(await seedNavigatorDemo(db, credentials.workspaceId), 'demo Navigator provider and tenants');
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    throw isAddressInUse(err) ? portInUse(config) : err;
  }
  jobs.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const baseUrl = config.publicUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  if (credentials) {
    const tokenUrl = `${baseUrl}/authorization/v2/oauth2/${credentials.workspaceId}/token`;
    log(`workspace: ${credentials.workspaceId}`);
    log(`client_id: ${credentials.clientId}`);
    log(`client_secret: ${credentials.clientSecret}`);
    log(`token_url: ${tokenUrl}`);
    // The credentials file is written next to an embedded database file, never for a server database.
    if (config.databaseUrl.startsWith('file://')) {
      writeCredentials(config.credentialsFile, credentials, tokenUrl, baseUrl);
      log(`credentials written to ${config.credentialsFile} (mode 0600)`);
    }
  }
  log(`Consumo listening on ${baseUrl} (database: ${engine}; API docs at ${baseUrl}/docs)`);

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= app.close());
  return { app, url: baseUrl, credentials, stop };
}

/** Exit 0 after in-flight requests finish when SIGTERM or SIGINT arrives. */
export function stopOnSignals(server: RunningServer, log: (line: string) => void = console.log): void {
  const onSignal = (signal: string) => {
    log(`${signal} received: finishing in-flight requests`);
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}
