/**
 * The whole first-start demo of a workspace, every family in turn, remembered as pending until the
 * last one is seeded: a process killed half-way leaves the mark, and the next start seeds again.
 * Each family's seed replaces that family's data in its own transaction (the Navigator tenants are
 * found again by their derived ids), so seeding again after any interruption ends in the same
 * demo as an uninterrupted first start — with no rating run left RUNNING, since the metering seeds
 * delete the workspace's runs before they write their own.
 */
import type { Db } from '../storage/database.js';
import { clearDemoPending, pendingDemoWorkspaces } from './demo-seedings.repository.js';
import { seedBudgetsDemo } from './seed-budgets-demo.js';
import { seedFlexDemo } from './seed-flex-demo.js';
import { seedFocusExportsDemo } from './seed-focus-exports-demo.js';
import { seedMeteringDemo } from './seed-metering-demo.js';
import { seedNavigatorDemo } from './seed-navigator-demo.js';
import { seedSubscriptionsDemo } from './seed-subscriptions-demo.js';

export type DemoLog = (fields: object, message: string) => void;

export async function seedDemo(db: Db, workspaceId: string, log: DemoLog): Promise<void> {
  log(await seedFlexDemo(db, workspaceId, {}), 'demo workspace filled');
  log(await seedSubscriptionsDemo(db, workspaceId), 'demo subscription keys issued');
  log(await seedMeteringDemo(db, workspaceId), 'demo usage ingested and rated');
  log(await seedFocusExportsDemo(db, workspaceId), 'demo FOCUS export definitions');
  log(await seedBudgetsDemo(db, workspaceId), 'demo budgets and their alerts');
  log(await seedNavigatorDemo(db, workspaceId), 'demo Navigator provider and tenants');
  await clearDemoPending(db, workspaceId);
}

/** Seeds again every demo a killed process left half-filled; returns the workspaces it seeded. */
export async function resumeInterruptedDemos(db: Db, log: DemoLog): Promise<string[]> {
  const pending = await pendingDemoWorkspaces(db);
  for (const workspaceId of pending) {
    log({ workspaceId }, 'the demo seeding of this workspace was interrupted: seeding it again');
    await seedDemo(db, workspaceId, log);
  }
  return pending;
}
