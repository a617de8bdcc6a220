/**
 * What an export reads for its dataset (ADR 0025): the profile's rows of a range as a row stream
 * (PGlite's Parquet and runs), as a CSV source (COPY or PGlite lines), and what the metadata says of their
 * freshness. Cost and Usage reads cost_records; Contract Commitment the workspace's commitments.
 * Contents and runs ask here, never which dataset it is.
 */
import type { Db } from '../../storage/database.js';
import type { CsvSource, RowStreamSpec } from '../../storage/engines/database-engine.js';
import { profileOf } from './contract-commitment-profile.js';
import {
  commitmentLineStream, commitmentRowStream, commitmentsUpdatedAt, contractCommitmentsOf,
} from './contract-commitments.repository.js';
import { copyStatementOf, csvCopyStatement, csvLineSql } from './csv-copy.repository.js';
import { type Profile, columnsRead } from './export-profiles.js';
import type { FocusExportDataset, FocusExportProfile } from './focus-exports.enums.js';
import * as repo from './focus-exports.repository.js';

/** The workspace, the range [from, to) and the compiled filter of a read. */
export interface DatasetRange {
  workspaceId: string;
  from: Date;
  to: Date;
  where: repo.CostRange['where'];
}

/** The profile a definition writes; the database keeps the pair consistent (migration 0021), so a miss is a bug. */
export function definitionProfile(definition: { profile: FocusExportProfile; dataset: FocusExportDataset }): Profile {
  const profile = profileOf(definition.profile, definition.dataset);
  if (!profile) throw new Error(`profile ${definition.profile} writes no ${definition.dataset} dataset`);
  return profile;
}

/** The rows of the range with every column the profile's cells read, in key order, in chunks. */
export function datasetRowStream(db: Db, profile: Profile, q: DatasetRange & { chunkSize: number; columns?: readonly string[] }): RowStreamSpec {
  const read = { ...q, columns: q.columns ?? columnsRead(profile) };
  return profile.dataset === 'ContractCommitment' ? commitmentRowStream(db, read) : repo.costRowStream(db, read);
}

/** The CSV lines of the range (no header): COPY's statement and the same lines for engines without it. */
export function datasetCsvSource(db: Db, profile: Profile, q: DatasetRange & { chunkSize: number }, now: number): CsvSource {
  const line = csvLineSql(profile, now);
  if (profile.dataset === 'ContractCommitment') {
    return {
      copyStatement: (quote) => copyStatementOf(contractCommitmentsOf(db, q), profile, now, quote),
      lines: commitmentLineStream(db, { ...q, line }),
    };
  }
  return {
    copyStatement: (quote) => csvCopyStatement(db, q, profile, now, quote),
    lines: repo.costLineStream(db, { ...q, line }),
  };
}

/**
 * What the metadata says of a range: its records' latest BillingPeriodEnd and when they were last
 * rated (Cost and Usage), or when the delivered commitments last changed (Contract Commitment, which
 * has no billing period); nulls without rows.
 */
export async function datasetFreshness(db: Db, profile: Profile, q: DatasetRange): Promise<{ billingPeriodEnd: Date | null; ratedAt: Date | null }> {
  if (profile.dataset === 'ContractCommitment') return { billingPeriodEnd: null, ratedAt: await commitmentsUpdatedAt(db, q) };
  return repo.rangeFreshness(db, q);
}
