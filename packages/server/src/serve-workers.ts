/**
 * `consumo serve` on every core (issue 18 point 3, ADR 0028): with `config.workers` above 1,
 * node:cluster forks that many server processes sharing one port (the primary accepts connections
 * and hands them out round-robin). The primary prepares the database once — migrations, signing
 * keys, the bootstrap and the demo — before any worker starts, since N processes would race for
 * them; then each worker serves and runs its share of the job queue, whose claims and leases are
 * rows (the schedules' too, claimed once per day whoever ticks first). The rate-limit budgets and
 * the token throttle are in Redis (the configuration refuses several workers without it). SIGTERM
 * or SIGINT drains every worker; a worker that dies later is replaced.
 */
import cluster, { type Worker } from 'node:cluster';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { connectionRoom, workerPoolSize } from './storage/connection-budget.js';
import { assertPortFree, baseUrlOf, prepareDatabase, reportCredentials, startServer, stopOnSignals } from './serve.js';

/** Serves as configured: one process, or a primary and its workers (this being either). */
export async function serve(config: Config, log: (line: string) => void = console.log, terminal = process.stdout.isTTY === true): Promise<void> {
  if (config.workers <= 1) {
    await startServer(config, log, terminal, { onListening: (server) => stopOnSignals(server, log) });
    return;
  }
  if (cluster.isWorker) return serveAsWorker(config);
  return servePrimary(config, log, terminal);
}

async function serveAsWorker(config: Config): Promise<void> {
  const server = await startServer(config, () => {}, false, { worker: true, onListening: (listening) => stopOnSignals(listening, () => {}) });
  // The primary is gone (killed outright): finish what is in flight and exit, not serve on alone.
  process.once('disconnect', () => {
    server.stop().finally(() => process.exit(0));
  });
}

const how = (code: number | null, signal: string | null) => (signal ? `signal ${signal}` : `code ${code}`);

async function servePrimary(config: Config, log: (line: string) => void, terminal: boolean): Promise<void> {
  await assertPortFree(config);
  const { app, db, engine } = await buildApp(config);
  let credentials;
  try {
    credentials = await prepareDatabase(db, config, (fields, message) => app.log.info(fields, message));
  } finally {
    await app.close();
  }

  // Every worker's pool must fit the server's connections: fitted, or the start refused (storage/connection-budget.ts).
  const poolSize = workerPoolSize(config.workers, config.pgPoolSize, await connectionRoom(config.databaseUrl));

  const workers = new Set<Worker>();
  let stopping = false;
  let started = false;
  let exitCode = 0;
  let listening = 0;
  const fork = () => workers.add(cluster.fork({ CONSUMO_PG_POOL_SIZE: String(poolSize) }));
  const stopAll = () => {
    stopping = true;
    for (const worker of workers) worker.process.kill('SIGTERM');
  };
  const allExited = new Promise<void>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      workers.delete(worker);
      // A worker ended by the SIGTERM itself (one still starting has no handler yet) stopped as asked.
      if (stopping && code !== 0 && signal !== 'SIGTERM') exitCode = 1;
      if (stopping) {
        if (workers.size === 0) resolve();
      } else if (started) {
        log(`worker process ${worker.process.pid} exited (${how(code, signal)}); starting another`);
        fork();
      }
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    cluster.on('listening', (_worker, address) => {
      listening += 1;
      if (listening === config.workers) resolve(address.port);
    });
    cluster.on('exit', (_worker, code, signal) => {
      if (!started && !stopping) {
        stopAll();
        reject(new Error(`a worker process exited (${how(code, signal)}) before it listened; its error is above`));
      }
    });
    for (let i = 0; i < config.workers; i++) fork();
  }).catch(async (err: unknown) => {
    await allExited;
    throw err;
  });

  started = true;
  // The handlers before the address is printed: a SIGTERM sent on reading it must find them.
  const onSignal = (signal: string) => {
    if (stopping) return;
    log(`${signal} received: finishing in-flight requests in ${workers.size} worker processes`);
    stopAll();
    allExited.then(() => process.exit(exitCode));
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  const baseUrl = baseUrlOf(config, port);
  if (credentials) reportCredentials(config, credentials, baseUrl, log, terminal);
  log(`Consumo listening on ${baseUrl} (database: ${engine}; ${config.workers} worker processes of ${poolSize} connections each; API docs at ${baseUrl}/docs)`);
}
