/** buildApp(config): assembles the Consumo service — database, platform mechanisms, API families — and never listens. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import formbody from '@fastify/formbody';
import { type Config, ConfigError } from './config.js';
import type { Db } from './storage/database.js';
import { type Engine, type OpenDatabase, createDb } from './storage/create-db.js';
import { migrateToLatest } from './storage/migrator.js';
import { AccessTokens } from './platform/auth/access-tokens.js';
import { API_TOKEN_ACCESS_TTL_SECONDS } from './platform/auth/api-tokens.js';
import { BasicAuthenticator } from './platform/auth/basic-credentials.js';
import { PrincipalLookup } from './platform/auth/principal-lookup.js';
import { registerJwksRoute } from './platform/auth/jwks.routes.js';
import { SigningKeys } from './platform/auth/signing-keys.js';
import { registerTokenRoutes } from './platform/auth/token.routes.js';
import { registerSessionRoutes } from './platform/auth/session.routes.js';
import { Sessions } from './platform/auth/sessions.js';
import { TokenThrottle } from './platform/auth/token-throttle.js';
import { DAY_MS } from './platform/formats/index.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { onClientError, onFrameworkError } from './platform/http/framework-errors.js';
import { installInputHygiene } from './platform/http/input-hygiene.js';
import { IN_FLIGHT_GRACE_MS, InFlightRequests, installInFlight } from './platform/http/in-flight.js';
import { installDraining } from './platform/http/draining.js';
import { GreenLakeError } from './platform/http/error-responses.js';
import { installGuards } from './platform/http/guards.js';
import { installNotFoundHandler } from './platform/http/method-not-allowed.js';
import { installConsole } from './platform/http/console-static.js';
import { installOpenApi } from './platform/http/openapi.js';
import { installValidators } from './platform/http/validators.js';
import { installHealth } from './platform/observability/health.routes.js';
import { installMetrics } from './platform/observability/metrics.routes.js';
import { JobQueue } from './platform/jobs/index.js';
import { loggerOptions } from './platform/http/log-redaction.js';
import { requestLoggerFactory } from './platform/http/request-logger.js';
import { BodyMemoryBudget, installBodyMemoryBudget } from './platform/http/body-memory-budget.js';
import { requestTimeoutOptions } from './platform/http/request-timeouts.js';
import { createRateLimitStore, type RateLimitStore } from './platform/rate-limit/index.js';
import { adminPlugin } from './modules/admin/index.js';
import { flexPlugin } from './modules/flex/index.js';
import { subscriptionsPlugin } from './modules/subscriptions/index.js';
import { meteringPlugin } from './modules/metering/index.js';
import { type FocusExportsDeps, focusExportsPlugin } from './modules/focus-exports/index.js';
import { budgetsPlugin, enqueueBudgetEvaluation } from './modules/budgets/index.js';
import { navigatorPlugin } from './modules/navigator/index.js';
import { Clock, type StandIn, SnapshotFileError, installStandIn, loadSnapshotAtStart } from './modules/stand-in/index.js';
import './platform/http/route-config.js';

export interface BuildOptions {
  /** An open database to use instead of opening DATABASE_URL (tests share one per file). */
  db?: OpenDatabase;
  /** Leave the database open on close (its owner closes it). */
  keepDbOpen?: boolean;
  /** The clock every time-dependent rule reads (token expiry, rate-limit windows). */
  now?: () => number;
  rateLimitStore?: RateLimitStore;
  /** Sees every route as it is added (the fidelity report reads methods, paths, schemas and limits). */
  onRoute?: (route: RouteOptions) => void;
}

export interface ConsumoApp {
  app: FastifyInstance;
  db: Db;
  engine: Engine;
  tokens: AccessTokens;
  /** The durable job queue; API families register handlers, startServer starts the worker. */
  jobs: JobQueue;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** CONSUMO_SNAPSHOT: a file that is missing or cannot be restored stops the start with one line. */
async function loadStartSnapshot(db: Db, file: string): Promise<void> {
  try {
    await loadSnapshotAtStart(db, file);
  } catch (err) {
    if (err instanceof SnapshotFileError) throw new ConfigError(`CONSUMO_SNAPSHOT: ${err.message}`);
    if ((err as { code?: string }).code === 'ENOENT') throw new ConfigError(`CONSUMO_SNAPSHOT: ${file} does not exist`);
    throw err;
  }
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<ConsumoApp> {
  // Stand-in mode reads a settable clock (ADR 0023), over the injected or the real time; CONSUMO_CLOCK starts it frozen.
  const clock = config.standIn ? new Clock(options.now ?? Date.now, config.clock) : undefined;
  const now = clock?.now ?? options.now ?? Date.now;
  const opened = options.db ?? (await createDb(config.databaseUrl, { preparedStatements: config.pgPreparedStatements, poolSize: config.pgPoolSize }));
  const { db, engine } = opened;
  await migrateToLatest(db);
  if (config.standIn && config.snapshot) await loadStartSnapshot(db, config.snapshot);

  // A retired key stays published as long as the longest-lived token it signed: client tokens or API-token exchanges.
  const longestTokenTtlSeconds = Math.max(config.tokenTtlSeconds, API_TOKEN_ACCESS_TTL_SECONDS);
  const keys = new SigningKeys(db, {
    rotateAfterMs: 30 * DAY_MS,
    tokenTtlMs: longestTokenTtlSeconds * 1000,
    now,
    encryptionKeys: config.keyEncryptionKeys,
  });
  await keys.init();
  const tokens = new AccessTokens(keys, config.tokenTtlSeconds, now);
  const credentials = new PrincipalLookup(db, now);
  const rateLimits = options.rateLimitStore ?? createRateLimitStore(config.redisUrl);
  const sessions = new Sessions(db, now, { idleMs: config.session.idleMinutes * 60_000, maxMs: config.session.maxHours * 3_600_000 });

  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    // request.log is made when a request first logs (platform/http/request-logger.ts, ADR 0036).
    childLoggerFactory: requestLoggerFactory,
    bodyLimit: config.bodyLimit,
    ...requestTimeoutOptions(config.requestTimeoutMs),
    requestIdHeader: false,
    // Behind a proxy CONSUMO_TRUST_PROXY names, request.ip, .protocol and .host come from X-Forwarded-* (the session cookie's Secure, the Origin check).
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Draining answers 503 in the family's envelope (platform/http/draining.ts), not in Fastify's body.
    return503OnClosing: false,
    // Metering ids run to 256 characters, each possibly percent-encoded; longer is a GreenLake 400, not Fastify's bare 414.
    routerOptions: { maxParamLength: 1024 },
    // What Fastify and Node answer before any route, in the URL's family envelope (ADR 0022).
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // Services build exact DTOs, so responses are serialised as they are; the response schemas document them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addSchema(GreenLakeError);
  installValidators(app);
  // Before the error handler and the families: NUL, lone surrogates and deep nesting are refused on every route.
  installInputHygiene(app);
  // JSON (and forms, where a route says so) only: a text/plain body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');

  const jobs = new JobQueue(db, { now, log: app.log, leaseMs: config.jobLeaseMs, concurrency: config.jobConcurrency });
  const focusExportsDeps: FocusExportsDeps = {
    db,
    streams: opened,
    jobs,
    now,
    exportDir: config.exportDir,
    partRows: config.exportPartRows,
    stepDelayMs: config.asyncStepDelayMs,
  };

  let closing = false;
  // First: every request is tracked, so closing waits for handlers before the database goes.
  const inFlight = new InFlightRequests();
  installInFlight(app, inFlight);
  // A callback hook, not an async one: it runs on every request, and a promise each costs more than the work.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-ID', request.id);
    done();
  });
  installDraining(app, () => closing);
  app.addHook('preClose', async () => {
    closing = true;
    // The running job finishes its current step and goes back to the queue; no new one is taken.
    await jobs.stop();
  });
  app.addHook('onClose', async () => {
    // Fastify has waited for the connections; a handler whose client has gone may still be at work.
    if (!(await inFlight.idle(IN_FLIGHT_GRACE_MS))) {
      app.log.warn({ open: inFlight.open, waitedMs: IN_FLIGHT_GRACE_MS }, 'closing with requests still in their handlers');
    }
    await rateLimits.close();
    if (!options.keepDbOpen) await db.destroy();
  });

  // Before any route: each route's metrics hook is added as the route is registered.
  installMetrics(app, rateLimits);
  installErrorHandler(app);
  installNotFoundHandler(app);
  await app.register(formbody);
  await installOpenApi(app);
  // Stand-in mode only (ADR 0023): its fault hook answers before the guards authenticate.
  const standIn: StandIn | undefined = clock
    ? installStandIn(app, { db, streams: opened, now, jobs, clock, focusExports: focusExportsDeps, snapshotDir: config.snapshotDir, requestLogSize: config.requestLogSize })
    : undefined;
  installGuards(app, {
    tokens,
    credentials,
    basic: new BasicAuthenticator(credentials, now),
    sessions,
    rateLimits,
    rateLimitMultiplier: config.rateLimitMultiplier,
    now,
  });
  installBodyMemoryBudget(app, new BodyMemoryBudget(config.bodyMemoryLimit));
  installHealth(app, db, () => closing);
  const tokenThrottle = new TokenThrottle(rateLimits, now, config.tokenThrottle);
  registerTokenRoutes(app, { db, tokens, now, throttle: tokenThrottle });
  registerJwksRoute(app, keys);
  // The console's sign-in shares the token endpoints' throttle (its account keys are `user:<e-mail>`).
  registerSessionRoutes(app, { db, sessions, throttle: tokenThrottle, now });
  await app.register(flexPlugin, { db });
  await app.register(adminPlugin, { db, now, jobs, jobLeaseMs: config.jobLeaseMs, exportDir: config.exportDir });
  await app.register(subscriptionsPlugin, { db, jobs, now, stepDelayMs: config.asyncStepDelayMs });
  await app.register(meteringPlugin, {
    db,
    jobs,
    now,
    ratingDelayMs: config.ratingDelayMs,
    eventTimeWindow: { maxAgeMs: config.eventMaxAgeDays * DAY_MS, maxFutureMs: config.eventMaxFutureSeconds * 1000 },
    stepDelayMs: config.asyncStepDelayMs,
    onRunRated: (trx, rated) => enqueueBudgetEvaluation(jobs, trx, rated),
  });
  await app.register(focusExportsPlugin, focusExportsDeps);
  await app.register(budgetsPlugin, {
    db,
    jobs,
    now,
    credentials,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    notificationAttempts: config.notificationAttempts,
  });
  await app.register(navigatorPlugin, { db, tokens, now, tokenThrottle });
  if (standIn) await app.register(standIn.plugin);
  const consoleBuilt = await installConsole(app, config.consoleDir);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect(consoleBuilt ? '/console/' : '/docs'));
  await app.ready();
  return { app, db, engine, tokens, jobs };
}
