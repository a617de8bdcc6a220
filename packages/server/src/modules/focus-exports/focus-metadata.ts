/**
 * FOCUS 1.3 metadata of an export (ADR 0025): the four sections of the 1.3 metadata
 * (specification/metadata/**, FOCUS_Spec; CC BY 4.0): DataGenerator, DatasetInstance (one object,
 * the export definition, of its dataset: CostAndUsage or ContractCommitment), Schema (one object per
 * instance: its columns with their FOCUS data types) and Recency (one object per instance; for Cost
 * and Usage with one time sector per billing period, each complete once that billing period has
 * closed; Contract Commitment is no time series, so it has none). The field names are those of the
 * 1.3 metadata pages (their file names: the digest marks them as not confirmed against a pinned
 * text); nothing Consumo does not know is filled in.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { FOCUS_1_3_COLUMNS, FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS } from '@consumo/focus';
import { focusDateTime } from '../../platform/formats/index.js';
import { DECIMAL_PRECISION, DECIMAL_SCALE } from './parquet-encoder.js';
import { FOCUS_VERSION_OF, type Profile, type ProfileColumn } from './export-profiles.js';
import type { FocusExportDataset } from './focus-exports.enums.js';

/** Consumo's version, the DataGeneratorVersion (packages/server/package.json, from src/ or dist/ alike). */
export const DATA_GENERATOR_VERSION: string = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
export const DATA_GENERATOR = 'Consumo';

/** When each profile's column structure was introduced: the Schema object's CreationDate (a new structure gets a new SchemaId). */
const SCHEMA_CREATED: Readonly<Record<Profile['name'], string>> = {
  greenlake: '2026-12-01T00:00:00Z',
  'focus-1.2': '2026-12-01T00:00:00Z',
  'focus-1.3': '2026-12-06T00:00:00Z',
};
/** When the Contract Commitment dataset's structure was introduced (focus-1.3 only). */
const CONTRACT_COMMITMENT_SCHEMA_CREATED = '2026-12-07T00:00:00Z';

export type FocusDataType = 'String' | 'Decimal' | 'Date/Time' | 'JSON';

export interface ColumnDefinition {
  ColumnName: string;
  DataType: FocusDataType;
  NumericPrecision?: number;
  NumberScale?: number;
  StringEncoding?: 'UTF-8';
  Deprecated?: boolean;
}

export interface TimeSector {
  TimeSectorStart: string;
  TimeSectorEnd: string;
  TimeSectorComplete: boolean;
  TimeSectorLastUpdated: string;
}

export interface FocusMetadata {
  DataGenerator: { DataGenerator: string; DataGeneratorVersion: string };
  DatasetInstance: { DatasetInstanceId: string; DatasetInstanceName: string; FocusDatasetId: FocusExportDataset }[];
  Schema: {
    SchemaId: string;
    DatasetInstanceId: string;
    FocusDatasetId: FocusExportDataset;
    FocusVersion: string;
    DataGeneratorVersion: string;
    CreationDate: string;
    ColumnDefinition: ColumnDefinition[];
  }[];
  Recency: {
    DatasetInstanceId: string;
    DatasetInstanceComplete: boolean;
    DatasetInstanceLastUpdated: string;
    RecencyLastUpdated: string;
    /** Cost and Usage only: the Contract Commitment dataset is no time series. */
    TimeSectors?: TimeSector[];
  }[];
}

// BillingCurrency, the one column both datasets have, is a String in both.
const SPEC_TYPE: ReadonlyMap<string, FocusDataType> = new Map([...FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS, ...FOCUS_1_3_COLUMNS].map((c) => [c.name, c.type]));
const DEPRECATED: ReadonlySet<string> = new Set(FOCUS_1_3_COLUMNS.filter((c) => c.deprecated).map((c) => c.name));

function dataTypeOf(c: ProfileColumn): FocusDataType {
  const spec = SPEC_TYPE.get(c.header);
  if (spec) return spec;
  switch (c.kind) {
    case 'decimal':
    case 'unused-consumed-quantity':
      return 'Decimal';
    case 'timestamp':
      return 'Date/Time';
    case 'json':
      return 'JSON';
    default:
      return 'String';
  }
}

/** The profile's columns as the Schema's ColumnDefinition: decimals as the Parquet files hold them, text in UTF-8. */
export function columnDefinitions(profile: Profile): ColumnDefinition[] {
  return profile.columns.map((c) => {
    const type = dataTypeOf(c);
    const def: ColumnDefinition = { ColumnName: c.header, DataType: type };
    if (type === 'Decimal') Object.assign(def, { NumericPrecision: DECIMAL_PRECISION, NumberScale: DECIMAL_SCALE });
    if (type === 'String' || type === 'JSON') def.StringEncoding = 'UTF-8';
    if (profile.name === 'focus-1.3' && DEPRECATED.has(c.header)) def.Deprecated = true;
    return def;
  });
}

/** A SchemaId that changes exactly when the structure does: the profile (and a dataset other than Cost and Usage) and a digest of its column definitions. */
export function schemaIdOf(profile: Profile): string {
  const digest = createHash('sha256').update(JSON.stringify(columnDefinitions(profile))).digest('hex').slice(0, 16);
  return profile.dataset === 'CostAndUsage' ? `${profile.name}-${digest}` : `${profile.name}-${profile.dataset}-${digest}`;
}

/** One billing period of the export as the data holds it: `[from, to)` on ChargePeriodStart, and whether it has closed. */
export interface SectorInput {
  from: Date;
  to: Date;
  complete: boolean;
  /** When this period's data was last delivered. */
  lastUpdated: Date;
}

/**
 * Whether a billing period is complete at `now` (ADR 0025): it has ended (`to` ≤ now) and so has the
 * billing period of every record in it (the latest BillingPeriodEnd, null without records, ≤ now),
 * the rule that makes GreenLake's ChargeFrequency `Usage` rather than `Estimated` (ADR 0013).
 */
export function periodComplete(to: Date, latestBillingPeriodEnd: Date | null, now: number): boolean {
  return to.getTime() <= now && (latestBillingPeriodEnd === null || latestBillingPeriodEnd.getTime() <= now);
}

export function timeSector(s: SectorInput): TimeSector {
  return {
    TimeSectorStart: focusDateTime(s.from),
    TimeSectorEnd: focusDateTime(s.to),
    TimeSectorComplete: s.complete,
    TimeSectorLastUpdated: focusDateTime(s.lastUpdated),
  };
}

/**
 * The metadata of one export definition delivered over `sectors` (in time order), at `now`. The
 * Contract Commitment dataset is no time series: its Recency has no time sectors (the sectors given
 * only say when its data was last delivered), and is complete, since a commitment accrues nothing
 * after the fact: each delivery holds the commitments as recorded when it was made.
 */
export function focusMetadata(definition: { id: string; name: string }, profile: Profile, sectors: readonly TimeSector[], now: Date): FocusMetadata {
  const lastUpdated = sectors.reduce((max, s) => (s.TimeSectorLastUpdated > max ? s.TimeSectorLastUpdated : max), sectors[0]?.TimeSectorLastUpdated ?? focusDateTime(now));
  const timeSeries = profile.dataset === 'CostAndUsage';
  return {
    DataGenerator: { DataGenerator: DATA_GENERATOR, DataGeneratorVersion: DATA_GENERATOR_VERSION },
    DatasetInstance: [{ DatasetInstanceId: definition.id, DatasetInstanceName: definition.name, FocusDatasetId: profile.dataset }],
    Schema: [
      {
        SchemaId: schemaIdOf(profile),
        DatasetInstanceId: definition.id,
        FocusDatasetId: profile.dataset,
        FocusVersion: FOCUS_VERSION_OF[profile.name],
        DataGeneratorVersion: DATA_GENERATOR_VERSION,
        CreationDate: timeSeries ? SCHEMA_CREATED[profile.name] : CONTRACT_COMMITMENT_SCHEMA_CREATED,
        ColumnDefinition: columnDefinitions(profile),
      },
    ],
    Recency: [
      {
        DatasetInstanceId: definition.id,
        DatasetInstanceComplete: timeSeries ? sectors.length > 0 && sectors.every((s) => s.TimeSectorComplete) : true,
        DatasetInstanceLastUpdated: lastUpdated,
        RecencyLastUpdated: focusDateTime(now),
        ...(timeSeries && { TimeSectors: [...sectors] }),
      },
    ],
  };
}
