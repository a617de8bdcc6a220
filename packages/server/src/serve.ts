/** startServer(config): build the app, bootstrap an empty database, listen, and shut down gracefully on SIGTERM/SIGINT. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BuildOptions, type ConsumoApp, buildApp } from './app.js';
import { type Config, ConfigError } from './config.js';
import { bootstrap, type BootstrapCredentials } from './platform/bootstrap.js';
import { markDemoPending } from './demo/demo-seedings.repository.js';
import { resumeInterruptedDemos, seedDemo } from './demo/seed-demo.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  credentials: BootstrapCredentials | undefined;
  stop(): Promise<void>;
}

/** The credentials file, mode 0600; the URLs are known (and added) once the server listens. */
function writeCredentials(file: string, credentials: BootstrapCredentials, urls?: { tokenUrl: string; baseUrl: string }): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const body = {
    workspace_id: credentials.workspaceId,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    admin_email: credentials.adminEmail,
    admin_password: credentials.adminPassword,
    ...(urls && { token_url: urls.tokenUrl, url: urls.baseUrl }),
  };
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
export async function assertPortFree(config: Config): Promise<void> {
  if (config.port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (err) => reject(isAddressInUse(err) ? portInUse(config) : err));
    probe.listen({ port: config.port, host: config.host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * Says where the first start's credentials are. The client secret is printed only to a terminal:
 * stdout that is a pipe or a file ends up in log collectors. The credentials file (mode 0600)
 * always has it: written right after the bootstrap, before the demo is seeded (a process killed
 * while seeding must not take the only copy of a generated secret with it), and again here with
 * the URLs.
 */
export function reportCredentials(config: Config, credentials: BootstrapCredentials, baseUrl: string, log: (line: string) => void, terminal: boolean): void {
  const tokenUrl = `${baseUrl}/authorization/v2/oauth2/${credentials.workspaceId}/token`;
  log(`workspace: ${credentials.workspaceId}`);
  log(`client_id: ${credentials.clientId}`);
  if (terminal) log(`client_secret: ${credentials.clientSecret}`);
  log(`token_url: ${tokenUrl}`);
  log(`console: ${baseUrl}/console/ (sign in as ${credentials.adminEmail})`);
  if (terminal) log(`admin_password: ${credentials.adminPassword}`);
  writeCredentials(config.credentialsFile, credentials, { tokenUrl, baseUrl });
  const where = path.resolve(config.credentialsFile);
  log(
    terminal
      ? `credentials written to ${where} (mode 0600)`
      : `credentials written to ${where} (mode 0600); the client secret is printed only to a terminal, as is the admin password`,
  );
}

/**
 * A new database's first start: the bootstrap workspace, client and admin (their credentials file
 * written at once), and the demo data; a start after a crash mid-seeding seeds that demo again.
 * Returns the credentials when it created them.
 */
export async function prepareDatabase(
  db: ConsumoApp['db'],
  config: Config,
  demoLog: (fields: object, message: string) => void,
): Promise<BootstrapCredentials | undefined> {
  const credentials = await bootstrap(db, config, config.demo ? { inTransaction: markDemoPending } : {});
  // A first start killed while seeding left its mark: this start seeds that demo again, whole.
  if (credentials) writeCredentials(config.credentialsFile, credentials);
  if (credentials && config.demo) await seedDemo(db, credentials.workspaceId, demoLog);
  else await resumeInterruptedDemos(db, demoLog);
  return credentials;
}

/** The base URL clients use, from the port the server got. */
export function baseUrlOf(config: Config, port: number): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return config.publicUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
}

export interface StartOptions {
  /**
   * One of several worker processes (serve-workers.ts): the primary has checked the port and
   * prepared the database, and prints the credentials and the address; this process only serves.
   */
  worker?: boolean;
  /** Handed to buildApp: an open database instead of DATABASE_URL's (the test harness's migrated in-memory one). */
  build?: BuildOptions;
  /**
   * Called with the server once it listens, before it prints its credentials and address: where
   * the signal handlers go (stopOnSignals), so that a SIGTERM sent on reading "listening" always
   * finds them — sent a moment earlier, before they were installed, it ended the process outright.
   */
  onListening?: (server: RunningServer) => void;
}

/** `terminal`: whether stdout is a terminal, where the bootstrap client secret may be printed. */
export async function startServer(
  config: Config,
  log: (line: string) => void = console.log,
  terminal: boolean = process.stdout.isTTY === true,
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!options.worker) await assertPortFree(config);
  const { app, db, engine, jobs } = await buildApp(config, options.build);
  const credentials = options.worker ? undefined : await prepareDatabase(db, config, (fields, message) => app.log.info(fields, message));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    throw isAddressInUse(err) ? portInUse(config) : err;
  }
  jobs.start();
  const address = app.server.address();
  const baseUrl = baseUrlOf(config, typeof address === 'object' && address ? address.port : config.port);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= app.close());
  const server: RunningServer = { app, url: baseUrl, credentials, stop };
  options.onListening?.(server);
  if (credentials) reportCredentials(config, credentials, baseUrl, log, terminal);
  if (!options.worker) log(`Consumo listening on ${baseUrl} (database: ${engine}; API docs at ${baseUrl}/docs)`);
  return server;
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
