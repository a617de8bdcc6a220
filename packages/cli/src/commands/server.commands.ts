/**
 * `consumo serve`, `consumo migrate`, `consumo seed`: commands that work on the database directly.
 * The server package is imported when one of them runs, so the HTTP commands start in a tenth of the time.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { UsageError } from '../connection.js';

const server = () => import('@consumo/server');

const positiveInt = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, got '${value}'`);
  return Number(value);
};

export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the API, docs and metrics (configured by PORT, HOST, DATABASE_URL, … — see the README)')
    .option('--workers <n>', 'server processes on the port (CONSUMO_WORKERS; default one per core on PostgreSQL with Redis, else 1)', positiveInt('--workers'))
    .action(async (opts: { workers?: number }) => {
      // The workers are forked with this process's arguments and environment: they read the same count.
      if (opts.workers !== undefined) process.env.CONSUMO_WORKERS = String(opts.workers);
      const { loadConfig, serve } = await server();
      await serve(loadConfig());
    });

  program
    .command('migrate')
    .description('apply pending database migrations to DATABASE_URL (the server also does this at start)')
    .option('--down', 'roll the newest migration back instead')
    .action(async (opts: { down?: boolean }) => {
      const { createDb, loadConfig, migrateDown, migrateToLatest } = await server();
      const { db } = await createDb(loadConfig().databaseUrl);
      try {
        const names = opts.down ? await migrateDown(db) : await migrateToLatest(db);
        console.log(names.length ? `${opts.down ? 'rolled back' : 'applied'}: ${names.join(', ')}` : 'nothing to do: the database is up to date');
      } finally {
        await db.destroy();
      }
    });

  program
    .command('seed')
    .description("replace a workspace's Flex data, demo subscription keys and metering data (catalog, usage, cost records) with deterministic demo data of the size asked")
    .option('--devices <n>', 'number of devices', positiveInt('--devices'), 600)
    .option('--orders <n>', 'number of orders', positiveInt('--orders'), 48)
    .option('--subscriptions <n>', 'number of demo subscription keys the workspace claims (12 free and 6 expired keys come with them)', positiveInt('--subscriptions'), 24)
    .option('--usage-days <n>', 'days of hourly usage, ending today, rated into cost records', positiveInt('--usage-days'), 90)
    .option('--resources <n>', 'metered resources (VMs, volumes, backup policies), tied to demo devices', positiveInt('--resources'), 24)
    .option('--workspace <id>', 'workspace id (default: the first workspace, the bootstrap one)')
    .option('--seed <text>', 'PRNG seed; the same seed gives the same data', 'consumo-demo')
    .action(async (opts: { devices: number; orders: number; subscriptions: number; usageDays: number; resources: number; workspace?: string; seed: string }) => {
      const { createDb, loadConfig, migrateToLatest, seedBudgetsDemo, seedFlexDemo, seedFocusExportsDemo, seedMeteringDemo, seedSubscriptionsDemo } = await server();
      const { db } = await createDb(loadConfig().databaseUrl);
      try {
        await migrateToLatest(db);
        const workspace =
          opts.workspace ?? (await db.selectFrom('workspaces').select('id').orderBy('created_at').limit(1).executeTakeFirst())?.id;
        if (!workspace) throw new UsageError('No workspace yet: start the server once (it creates one) or pass --workspace.');
        const bar = new cliProgress.SingleBar({ format: 'devices [{bar}] {percentage}% {value}/{total} {eta_formatted} left' }, cliProgress.Presets.shades_classic);
        bar.start(opts.devices, 0);
        const started = Date.now();
        const result = await seedFlexDemo(db, workspace, {
          devices: opts.devices,
          orders: opts.orders,
          seed: opts.seed,
          onProgress: (done) => bar.update(done),
        });
        bar.stop();
        console.log(
          `workspace ${workspace}: ${result.billingAccounts} billing accounts, ${result.orders} orders, ${result.devices} devices in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        const keyBar = new cliProgress.SingleBar({ format: 'subscription rows [{bar}] {percentage}% {value}/{total} {eta_formatted} left' }, cliProgress.Presets.shades_classic);
        const keysStarted = Date.now();
        const keys = await seedSubscriptionsDemo(db, workspace, {
          claimed: opts.subscriptions,
          seed: opts.seed,
          onProgress: (done, total) => (done === 0 ? keyBar.start(total, 0) : keyBar.update(done)),
        });
        keyBar.stop();
        console.log(
          `workspace ${workspace}: ${keys.keys} demo subscription keys, ${keys.claimed} claimed, ${keys.free} free, ${keys.expired} expired in ${((Date.now() - keysStarted) / 1000).toFixed(1)} s`,
        );
        const usageBar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {percentage}% {value}/{total} {eta_formatted} left' }, cliProgress.Presets.shades_classic);
        let phase = '';
        const usageStarted = Date.now();
        const metered = await seedMeteringDemo(db, workspace, {
          usageDays: opts.usageDays,
          resources: opts.resources,
          seed: opts.seed,
          onProgress: (next, done, total) => {
            if (next !== phase) {
              if (phase) usageBar.stop();
              phase = next;
              usageBar.start(total, done, { phase: next === 'events' ? 'usage events' : 'rating days' });
            } else usageBar.update(done);
          },
        });
        usageBar.stop();
        console.log(
          `workspace ${workspace}: ${metered.resources} metered resources, ${metered.events} usage events over ${metered.days} days, ${metered.records} cost records in ${((Date.now() - usageStarted) / 1000).toFixed(1)} s`,
        );
        const exportsSeeded = await seedFocusExportsDemo(db, workspace);
        console.log(`workspace ${workspace}: ${JSON.stringify(exportsSeeded)} demo FOCUS export definitions`);
        const budgetsSeeded = await seedBudgetsDemo(db, workspace);
        console.log(`workspace ${workspace}: ${budgetsSeeded.budgets} demo budgets, ${budgetsSeeded.alerts} alerts raised`);
      } finally {
        await db.destroy();
      }
    });
}
