/**
 * startConsumo's options → the server's configuration, read from an environment of its own (never
 * the test process's: a developer's DATABASE_URL or PORT must not leak into a harness).
 */
import path from 'node:path';
import { type Config, ConfigError, loadConfig } from '@consumo/server';

export interface HarnessCredentials {
  /** The bootstrap (system) workspace: 32 lowercase hex digits. */
  workspaceId: string;
  /** The bootstrap API client, holding every role (platform-admin included): a UUID. */
  clientId: string;
  /** At least 16 characters. */
  clientSecret: string;
}

/**
 * Fixed, so that a snapshot file written by one harness loads into another with the same
 * credentials (a snapshot's clients are the credentials of a server started from it). A harness
 * listens on 127.0.0.1 only.
 */
export const DEFAULT_CREDENTIALS: Readonly<HarnessCredentials> = Object.freeze({
  workspaceId: 'c0450000000000000000000000000001',
  clientId: 'c0450000-0000-4000-8000-000000000001',
  clientSecret: 'consumo-testing-client-secret',
});

export interface StartConsumoOptions {
  /** Fill the bootstrap workspace with the deterministic demo data (CONSUMO_DEMO=1); default false. Seeding takes tens of seconds. */
  demo?: boolean;
  /** Start with the clock frozen at this RFC 3339 instant (CONSUMO_CLOCK), e.g. 2026-01-31T23:00:00Z. */
  clock?: string;
  /** A snapshot file (`<name>.jsonl.gz`) to load at start (CONSUMO_SNAPSHOT); relative paths from the working directory. */
  snapshot?: string;
  /** Where `control.snapshots.create` writes (CONSUMO_SNAPSHOT_DIR); default: a temporary directory removed by stop(). */
  snapshotDir?: string;
  /** The bootstrap credentials (CONSUMO_BOOTSTRAP_*); default DEFAULT_CREDENTIALS. */
  credentials?: Partial<HarnessCredentials>;
  /** Further configuration variables of the README's table (CONSUMO_TOKEN_TTL, CONSUMO_REQUEST_LOG_SIZE, …). */
  env?: Record<string, string>;
  /** The server's pino level (LOG_LEVEL); default silent. */
  logLevel?: string;
}

/** `workDir`: the harness's own temporary directory (credentials file, exports, default snapshots). */
export function harnessConfig(options: StartConsumoOptions, workDir: string): { config: Config; credentials: HarnessCredentials } {
  const credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const env: Record<string, string> = {
    DATABASE_URL: 'memory://',
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel ?? 'silent',
    CONSUMO_CREDENTIALS_FILE: path.join(workDir, 'credentials.json'),
    CONSUMO_EXPORT_DIR: path.join(workDir, 'exports'),
    ...options.env,
    // What makes it a harness: stand-in mode on a free port.
    CONSUMO_STAND_IN: '1',
    PORT: '0',
    CONSUMO_DEMO: options.demo ? '1' : '0',
    CONSUMO_SNAPSHOT_DIR: path.resolve(options.snapshotDir ?? path.join(workDir, 'snapshots')),
    CONSUMO_BOOTSTRAP_WORKSPACE_ID: credentials.workspaceId,
    CONSUMO_BOOTSTRAP_CLIENT_ID: credentials.clientId,
    CONSUMO_BOOTSTRAP_CLIENT_SECRET: credentials.clientSecret,
    ...(options.clock !== undefined && { CONSUMO_CLOCK: options.clock }),
    ...(options.snapshot !== undefined && { CONSUMO_SNAPSHOT: path.resolve(options.snapshot) }),
  };
  try {
    return { config: loadConfig(env), credentials };
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`startConsumo: ${err.message}`);
    throw err;
  }
}
