/** Runtime configuration, read once from the environment (the README's Configuration table lists every variable). */
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRfc3339 } from './platform/formats/index.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  demo: boolean;
  redisUrl: string | undefined;
  tokenTtlSeconds: number;
  logLevel: string;
  /** Where the bootstrap credentials are written when the database is a file. */
  credentialsFile: string;
  bootstrap: {
    workspaceId: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    /** The bootstrap admin user's e-mail (CONSUMO_BOOTSTRAP_ADMIN_EMAIL). */
    adminEmail: string;
    /** The bootstrap admin user's password (CONSUMO_BOOTSTRAP_ADMIN_PASSWORD); generated when unset. */
    adminPassword: string | undefined;
  };
  /** Console sessions (ADR 0027): idle expiry (CONSUMO_SESSION_IDLE_MINUTES) and absolute expiry (CONSUMO_SESSION_MAX_HOURS). */
  session: { idleMinutes: number; maxHours: number };
  /**
   * Whether X-Forwarded-For/-Proto/-Host are believed (CONSUMO_TRUST_PROXY): false, true (any
   * proxy), or a comma-separated list of proxy addresses or CIDR ranges, as Fastify's trustProxy.
   */
  trustProxy: boolean | string;
  /** Where the built console is (CONSUMO_CONSOLE_DIR; default packages/console/dist beside the server package). */
  consoleDir: string | undefined;
  /** Public base URL used in printed token URLs; derived from host and port when unset. */
  publicUrl: string | undefined;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Multiplies every documented rate limit (load tests); 1 serves the vendors' limits. */
  rateLimitMultiplier: number;
  /** The token endpoints' failed-attempt throttle, per minute (CONSUMO_TOKEN_FAILURES_PER_ADDRESS, CONSUMO_TOKEN_FAILURES_PER_CLIENT). */
  tokenThrottle: { failuresPerAddress: number; failuresPerClient: number };
  /** PostgreSQL only: send statements as named prepared statements (0 behind a transaction-mode pooler). */
  pgPreparedStatements: boolean;
  /**
   * PostgreSQL connections each server process may open (CONSUMO_PG_POOL_SIZE; default 10). With
   * several worker processes the primary checks that all of them fit PostgreSQL's max_connections,
   * and lowers an unset size to fit (serve-workers.ts, ADR 0028); undefined here means unset.
   */
  pgPoolSize: number | undefined;
  /** Pause between the items of an asynchronous operation, so clients can watch one run (0: none). */
  asyncStepDelayMs: number;
  /** How long a job stays with a worker without a heartbeat; after a crash, the wait before another takes it. */
  jobLeaseMs: number;
  /** Jobs this process runs at once, per lane (ADR 0008): CONSUMO_JOB_INTERACTIVE_CONCURRENCY, CONSUMO_JOB_BATCH_CONCURRENCY. */
  jobConcurrency: { interactive: number; batch: number };
  /** How long after an ingest the automatic rating of the days it touched starts. */
  ratingDelayMs: number;
  /** How old a usage event's time may be when it is ingested, in days (CONSUMO_EVENT_MAX_AGE_DAYS; ADR 0012). */
  eventMaxAgeDays: number;
  /** How far past the server's clock a usage event's time may lie, in seconds (CONSUMO_EVENT_MAX_FUTURE_SECONDS). */
  eventMaxFutureSeconds: number;
  /** Where FOCUS export runs write their files (CONSUMO_EXPORT_DIR). */
  exportDir: string;
  /** Rows per file of an export run before the next part starts (CONSUMO_EXPORT_PART_ROWS). */
  exportPartRows: number;
  /** Where alert e-mail is sent (SMTP_URL, e.g. smtp://mail.example.com:587); unset: e-mail channels cannot deliver. */
  smtpUrl: string | undefined;
  /** The From address of alert e-mail (CONSUMO_MAIL_FROM). */
  mailFrom: string;
  /** Attempts at delivering one notification before it is given up as DEAD (CONSUMO_NOTIFICATION_ATTEMPTS). */
  notificationAttempts: number;
  /** The whole request (headers and body) must arrive within this (CONSUMO_REQUEST_TIMEOUT_MS), else 408. */
  requestTimeoutMs: number;
  /** Request bodies of one process in memory at once, in bytes (CONSUMO_BODY_MEMORY_LIMIT); beyond it, 503. */
  bodyMemoryLimit: number;
  /** Keys that encrypt the private token-signing keys at rest (CONSUMO_KEY_ENCRYPTION_KEY); none: stored in clear. */
  keyEncryptionKeys: Uint8Array[];
  /** Stand-in mode (CONSUMO_STAND_IN=1): the /_consumo/ control plane, fault injection and the request log (ADR 0023). */
  standIn: boolean;
  /** Where stand-in snapshots are written (CONSUMO_SNAPSHOT_DIR). */
  snapshotDir: string;
  /** A snapshot file loaded at start in stand-in mode (CONSUMO_SNAPSHOT). */
  snapshot: string | undefined;
  /** Requests the stand-in request log keeps (CONSUMO_REQUEST_LOG_SIZE). */
  requestLogSize: number;
  /** Stand-in mode only: the clock starts frozen at this instant, epoch ms (CONSUMO_CLOCK); undefined: the real time. */
  clock: number | undefined;
  /**
   * Server processes sharing the port (CONSUMO_WORKERS, `consumo serve --workers N`; ADR 0028): one
   * per core by default where several can be correct (PostgreSQL, Redis, not stand-in mode), else 1.
   */
  workers: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got '${raw}'`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(`${name} must be 1 or 0, got '${raw}'`);
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^smtps?:\/\/[^/\s]+/.test(raw)) throw new ConfigError(`SMTP_URL must be smtp://HOST[:PORT] or smtps://…, got '${raw.replace(/\/\/[^@]*@/, '//…@')}'`);
  return raw;
}

/**
 * CONSUMO_KEY_ENCRYPTION_KEY: comma-separated keys, each 32 bytes in base64 or base64url
 * (`openssl rand -base64 32`); the first encrypts, every one decrypts.
 */
function parseKeyEncryptionKeys(raw: string | undefined): Uint8Array[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part, index) => {
    const text = part.trim();
    const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : Buffer.alloc(0);
    if (bytes.length !== 32) {
      throw new ConfigError(`CONSUMO_KEY_ENCRYPTION_KEY key ${index + 1} must be 32 bytes in base64 (openssl rand -base64 32), got ${bytes.length} bytes`);
    }
    return new Uint8Array(bytes);
  });
}

/** CONSUMO_CLOCK: an RFC 3339 date-time the stand-in's clock starts frozen at; never outside stand-in mode (production never runs on a fake clock). */
function startClock(raw: string | undefined, standIn: boolean): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!standIn) throw new ConfigError('CONSUMO_CLOCK sets a fake clock in stand-in mode only: set CONSUMO_STAND_IN=1 as well, or unset CONSUMO_CLOCK');
  const at = parseRfc3339(raw, { maxFractionDigits: 3 });
  if (!at) throw new ConfigError(`CONSUMO_CLOCK must be an RFC 3339 date-time such as 2026-01-31T23:00:00Z, got '${raw}'`);
  return at.getTime();
}

function standInConfig(env: NodeJS.ProcessEnv): Pick<Config, 'standIn' | 'snapshotDir' | 'snapshot' | 'requestLogSize' | 'clock'> {
  const standIn = flag(env, 'CONSUMO_STAND_IN', false);
  const snapshot = env.CONSUMO_SNAPSHOT || undefined;
  if (snapshot !== undefined && !standIn) throw new ConfigError('CONSUMO_SNAPSHOT loads a snapshot in stand-in mode only: set CONSUMO_STAND_IN=1 as well');
  return {
    clock: startClock(env.CONSUMO_CLOCK, standIn),
    standIn,
    snapshotDir: env.CONSUMO_SNAPSHOT_DIR || '.consumo/snapshots',
    snapshot,
    requestLogSize: integer(env, 'CONSUMO_REQUEST_LOG_SIZE', 1000, 1, 1_000_000),
  };
}

function trustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  if (!/^[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*$/.test(raw)) {
    throw new ConfigError(`CONSUMO_TRUST_PROXY must be 1, 0, or comma-separated proxy addresses or CIDR ranges, got '${raw}'`);
  }
  return raw;
}

/**
 * CONSUMO_WORKERS. Several processes are correct only on a shared database (PostgreSQL: the embedded
 * one belongs to one process), with the rate-limit budgets and the token throttle in Redis (in each
 * process's memory, N processes would grant N times every limit), and outside stand-in mode (its
 * clock, faults and request log live in one process). Unset, the count is one per core where that
 * holds and 1 otherwise; set above 1 where it does not, the start is refused, saying why.
 */
function workerCount(env: NodeJS.ProcessEnv, databaseUrl: string, standIn: boolean): number {
  const shared = /^postgres(ql)?:/.test(databaseUrl);
  const redis = (env.REDIS_URL ?? '').trim() !== '';
  const raw = env.CONSUMO_WORKERS;
  if (raw === undefined || raw === '') return shared && redis && !standIn ? availableParallelism() : 1;
  const workers = integer(env, 'CONSUMO_WORKERS', 1, 1, 256);
  if (workers === 1) return 1;
  const refuse = (why: string) => new ConfigError(`CONSUMO_WORKERS=${workers} ${why}; or set CONSUMO_WORKERS=1`);
  if (!shared) throw refuse('needs PostgreSQL (DATABASE_URL=postgres://…): the embedded database belongs to one process');
  if (!redis) throw refuse(`needs REDIS_URL: rate-limit budgets and the token throttle kept in each process's memory would grant ${workers} times every limit`);
  if (standIn) throw refuse("cannot run in stand-in mode: its clock, faults and request log live in one process's memory");
  return workers;
}

export const DEFAULT_DATABASE_URL = 'file://./.consumo/db';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (!/^(file:\/\/.+|memory:\/\/.*|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be file://PATH, memory:// or postgres://…, got '${databaseUrl}'`);
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    demo: flag(env, 'CONSUMO_DEMO', true),
    redisUrl: env.REDIS_URL || undefined,
    tokenTtlSeconds: integer(env, 'CONSUMO_TOKEN_TTL', 900, 1, 86_400 * 30),
    logLevel: env.LOG_LEVEL || 'info',
    credentialsFile: env.CONSUMO_CREDENTIALS_FILE || '.consumo/credentials.json',
    bootstrap: {
      workspaceId: env.CONSUMO_BOOTSTRAP_WORKSPACE_ID || undefined,
      clientId: env.CONSUMO_BOOTSTRAP_CLIENT_ID || undefined,
      clientSecret: env.CONSUMO_BOOTSTRAP_CLIENT_SECRET || undefined,
      adminEmail: env.CONSUMO_BOOTSTRAP_ADMIN_EMAIL || 'admin@consumo.local',
      adminPassword: env.CONSUMO_BOOTSTRAP_ADMIN_PASSWORD || undefined,
    },
    session: {
      idleMinutes: integer(env, 'CONSUMO_SESSION_IDLE_MINUTES', 30, 1, 10_080),
      maxHours: integer(env, 'CONSUMO_SESSION_MAX_HOURS', 12, 1, 8760),
    },
    trustProxy: trustProxy(env.CONSUMO_TRUST_PROXY),
    consoleDir: env.CONSUMO_CONSOLE_DIR || undefined,
    publicUrl: env.CONSUMO_PUBLIC_URL || undefined,
    bodyLimit: integer(env, 'CONSUMO_BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    rateLimitMultiplier: integer(env, 'CONSUMO_RATE_LIMIT_MULTIPLIER', 1, 1, 1_000_000),
    tokenThrottle: {
      failuresPerAddress: integer(env, 'CONSUMO_TOKEN_FAILURES_PER_ADDRESS', 20, 1, 1_000_000),
      failuresPerClient: integer(env, 'CONSUMO_TOKEN_FAILURES_PER_CLIENT', 10, 1, 1_000_000),
    },
    pgPreparedStatements: flag(env, 'CONSUMO_PG_PREPARED_STATEMENTS', true),
    pgPoolSize: env.CONSUMO_PG_POOL_SIZE === undefined || env.CONSUMO_PG_POOL_SIZE === '' ? undefined : integer(env, 'CONSUMO_PG_POOL_SIZE', 10, 1, 1000),
    asyncStepDelayMs: integer(env, 'CONSUMO_ASYNC_STEP_DELAY_MS', 0, 0, 600_000),
    jobLeaseMs: integer(env, 'CONSUMO_JOB_LEASE_MS', 30_000, 1000, 3_600_000),
    jobConcurrency: {
      interactive: integer(env, 'CONSUMO_JOB_INTERACTIVE_CONCURRENCY', 4, 1, 64),
      batch: integer(env, 'CONSUMO_JOB_BATCH_CONCURRENCY', 2, 1, 64),
    },
    ratingDelayMs: integer(env, 'CONSUMO_RATING_DELAY_MS', 2000, 0, 3_600_000),
    eventMaxAgeDays: integer(env, 'CONSUMO_EVENT_MAX_AGE_DAYS', 35, 1, 3660),
    eventMaxFutureSeconds: integer(env, 'CONSUMO_EVENT_MAX_FUTURE_SECONDS', 300, 0, 86_400),
    exportDir: env.CONSUMO_EXPORT_DIR || '.consumo/exports',
    exportPartRows: integer(env, 'CONSUMO_EXPORT_PART_ROWS', 1_000_000, 1, 1_000_000_000),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.CONSUMO_MAIL_FROM || 'Consumo alerts <alerts@consumo.invalid>',
    notificationAttempts: integer(env, 'CONSUMO_NOTIFICATION_ATTEMPTS', 8, 1, 100),
    keyEncryptionKeys: parseKeyEncryptionKeys(env.CONSUMO_KEY_ENCRYPTION_KEY),
    requestTimeoutMs: integer(env, 'CONSUMO_REQUEST_TIMEOUT_MS', 60_000, 1000, 3_600_000),
    bodyMemoryLimit: integer(env, 'CONSUMO_BODY_MEMORY_LIMIT', 268_435_456, 1_048_576, 68_719_476_736),
    ...standInConfig(env),
    workers: workerCount(env, databaseUrl, flag(env, 'CONSUMO_STAND_IN', false)),
  };
}

/** A configuration for tests: in-memory database, no demo, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ DATABASE_URL: 'memory://', CONSUMO_DEMO: '0', LOG_LEVEL: 'silent' }),
    // Tests never write export files into the working tree.
    exportDir: join(tmpdir(), 'consumo-test-exports'),
    // Tests see no built console unless they build one of their own (CONSUMO_CONSOLE_DIR).
    consoleDir: join(tmpdir(), 'consumo-test-no-console'),
    ...overrides,
  };
}
