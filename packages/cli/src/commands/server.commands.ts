/** `consumo serve`, `consumo migrate`, `consumo seed`: commands that work on the database directly. */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { createDb, loadConfig, migrateDown, migrateToLatest, seedFlexDemo, startServer, stopOnSignals } from '@consumo/server';
import { UsageError } from '../connection.js';

const positiveInt = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, got '${value}'`);
  return Number(value);
};

export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the API, docs and metrics (configured by PORT, HOST, DATABASE_URL, … — see the README)')
    .action(async () => {
      stopOnSignals(await startServer(loadConfig()));
    });

  program
    .command('migrate')
    .description('apply pending database migrations to DATABASE_URL (the server also does this at start)')
    .option('--down', 'roll the newest migration back instead')
    .action(async (opts: { down?: boolean }) => {
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
    .description("replace a workspace's Flex data with deterministic demo data of the size asked")
    .option('--devices <n>', 'number of devices', positiveInt('--devices'), 600)
    .option('--orders <n>', 'number of orders', positiveInt('--orders'), 48)
    .option('--workspace <id>', 'workspace id (default: the first workspace, the bootstrap one)')
    .option('--seed <text>', 'PRNG seed; the same seed gives the same data', 'consumo-demo')
    .action(async (opts: { devices: number; orders: number; workspace?: string; seed: string }) => {
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
      } finally {
        await db.destroy();
      }
    });
}
