/**
 * Demo FOCUS export definitions for a workspace (replacing earlier demo ones): GreenLake, FOCUS 1.2 +
 * gzip, TOP 5, a monthly schedule, FOCUS 1.3 as Parquet, and FOCUS 1.3's ContractCommitment dataset.
 */
import type { Db } from '../storage/database.js';
import { Prng } from './prng.js';

export interface SeedFocusExportsDemoResult {
  exports: number;
}

interface DemoExport {
  name: string;
  filter: readonly { name: string; operator: string; values: readonly unknown[] }[];
  profile: 'greenlake' | 'focus-1.2' | 'focus-1.3';
  dataset?: 'CostAndUsage' | 'ContractCommitment';
  format?: 'csv' | 'parquet';
  compression: 'none' | 'gzip';
  schedule: 'MONTHLY_LAST_MONTH' | null;
}

const DEMO: readonly DemoExport[] = [
  { name: 'All usage (GreenLake)', filter: [], profile: 'greenlake', compression: 'none', schedule: null },
  { name: 'VM compute, FOCUS 1.2, gzip', filter: [{ name: 'ServiceName', operator: 'EQ', values: ['VM'] }], profile: 'focus-1.2', compression: 'gzip', schedule: null },
  { name: 'Top 5 resources by cost', filter: [{ name: 'ResourceId', operator: 'TOP', values: [5] }], profile: 'greenlake', compression: 'none', schedule: null },
  { name: 'Last month, every service', filter: [], profile: 'greenlake', compression: 'gzip', schedule: 'MONTHLY_LAST_MONTH' },
  { name: 'All usage, FOCUS 1.3, Parquet', filter: [], profile: 'focus-1.3', format: 'parquet', compression: 'none', schedule: null },
  { name: 'Contract commitments, FOCUS 1.3', filter: [], profile: 'focus-1.3', dataset: 'ContractCommitment', compression: 'none', schedule: null },
];

/** System-made definitions carry GreenLake's system user event (`id: "system", name: "System"`). */
export async function seedFocusExportsDemo(db: Db, workspaceId: string, now = new Date()): Promise<SeedFocusExportsDemoResult> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('focus_exports').where('workspace_id', '=', workspaceId).where('created_by_id', '=', 'system').execute();
    await tx
      .insertInto('focus_exports')
      .values(
        DEMO.map((d, i) => ({
          workspace_id: workspaceId,
          // Deterministic per workspace and name, as every demo id is.
          id: new Prng(`${workspaceId}:focus-export:${d.name}`).uuid(),
          name: d.name,
          filter: JSON.stringify(d.filter),
          profile: d.profile,
          dataset: d.dataset ?? 'CostAndUsage',
          format: d.format ?? 'csv',
          compression: d.compression,
          schedule: d.schedule,
          created_by_id: 'system',
          created_by_name: 'System',
          // A millisecond apart, so the list (by creation) shows them in this order, 'All usage (GreenLake)' first.
          created_at: new Date(now.getTime() - (DEMO.length - i)),
          updated_by_id: 'system',
          updated_by_name: 'System',
          updated_at: new Date(now.getTime() - (DEMO.length - i)),
        })),
      )
      .execute();
  });
  return { exports: DEMO.length };
}
