/** Every migration, in order. Names are timestamps so they sort as they must run. */
import type { Migration } from 'kysely';
import * as platform from './2026-11-23-0001-platform.js';
import * as jobs from './2026-11-23-0002-jobs.js';
import * as subscriptions from './2026-11-23-0003-subscriptions.js';
import * as metering from './2026-12-01-0004-metering.js';
import * as focusExports from './2026-12-01-0005-focus-exports.js';
import * as focusExportRuns from './2026-12-01-0006-focus-export-runs.js';
import * as costRecordsNotNull from './2026-12-06-0007-cost-records-not-null.js';
import * as budgets from './2026-12-06-0008-budgets.js';
import * as navigator from './2026-12-06-0009-navigator.js';
import * as navigatorReportIndex from './2026-12-06-0010-navigator-report-index.js';
import * as workspaceAdmin from './2026-12-06-0011-workspace-admin.js';
import * as eventTimeBounds from './2026-12-06-0012-event-time-bounds.js';
import * as fairJobs from './2026-12-06-0013-fair-jobs.js';
import * as demoSeedings from './2026-12-06-0014-demo-seedings.js';
import * as workspaceLeadingKeys from './2026-12-06-0015-workspace-leading-keys.js';
import * as usageEventsByMonth from './2026-12-06-0016-usage-events-by-month.js';
import * as focus13Profile from './2026-12-06-0018-focus-1-3-profile.js';
import * as usersAndSessions from './2026-12-06-0019-users-and-sessions.js';
import * as rollupCommitmentDays from './2026-12-06-0020-rollup-commitment-days.js';
import * as focusExportDatasets from './2026-12-07-0021-focus-export-datasets.js';
import * as ingestBatches from './2026-12-07-0022-ingest-batches.js';
import * as costTagRollups from './2026-12-07-0023-cost-tag-rollups.js';
import * as listVersions from './2026-12-07-0024-list-versions.js';
import * as costRollupsMonthly from './2026-12-07-0025-cost-rollups-monthly.js';

export const migrations: Record<string, Migration> = {
  '2026-11-23-0001-platform': platform,
  '2026-11-23-0002-jobs': jobs,
  '2026-11-23-0003-subscriptions': subscriptions,
  '2026-12-01-0004-metering': metering,
  '2026-12-01-0005-focus-exports': focusExports,
  '2026-12-01-0006-focus-export-runs': focusExportRuns,
  '2026-12-06-0007-cost-records-not-null': costRecordsNotNull,
  '2026-12-06-0008-budgets': budgets,
  '2026-12-06-0009-navigator': navigator,
  '2026-12-06-0010-navigator-report-index': navigatorReportIndex,
  '2026-12-06-0011-workspace-admin': workspaceAdmin,
  '2026-12-06-0012-event-time-bounds': eventTimeBounds,
  '2026-12-06-0013-fair-jobs': fairJobs,
  '2026-12-06-0014-demo-seedings': demoSeedings,
  '2026-12-06-0015-workspace-leading-keys': workspaceLeadingKeys,
  '2026-12-06-0016-usage-events-by-month': usageEventsByMonth,
  '2026-12-06-0018-focus-1-3-profile': focus13Profile,
  '2026-12-06-0019-users-and-sessions': usersAndSessions,
  '2026-12-06-0020-rollup-commitment-days': rollupCommitmentDays,
  '2026-12-07-0021-focus-export-datasets': focusExportDatasets,
  '2026-12-07-0022-ingest-batches': ingestBatches,
  '2026-12-07-0023-cost-tag-rollups': costTagRollups,
  '2026-12-07-0024-list-versions': listVersions,
  '2026-12-07-0025-cost-rollups-monthly': costRollupsMonthly,
};
