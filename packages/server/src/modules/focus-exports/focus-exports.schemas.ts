/** TypeBox schemas of the FOCUS Exports v1beta1 routes: ExportConfig, UserEvent, ReportFieldCriteria and our extension fields. */
import { Type, type Static } from '@sinclair/typebox';
import { EXPORT_COMPRESSIONS, EXPORT_DATASETS, EXPORT_FORMATS, EXPORT_PROFILES, EXPORT_SCHEDULES } from './focus-exports.enums.js';

const literals = <T extends string>(values: readonly T[]) => values.map((v) => Type.Literal(v));

export const UserEvent = Type.Object(
  {
    id: Type.String({ description: 'The API client that acted (GreenLake: the user id).' }),
    name: Type.String({ description: 'Its name.' }),
    time: Type.String({ description: 'UTC, without a zone, as GreenLake writes it: `2025-09-11T17:59:16.945`.' }),
  },
  { additionalProperties: false },
);

export const ReportFieldCriteria = Type.Object(
  {
    name: Type.String({
      description:
        'A column of the export\'s dataset: for CostAndUsage a FOCUS 1.2 column name, a Consumo `x_` column, or `Tags.<key>`; for ContractCommitment one of its columns (docs/focus.md).',
    }),
    operator: Type.String({
      description:
        'EQ, NOT_EQ, IN, NOT_IN, TOP, BOTTOM, GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN, STARTS_WITH, CONTAINS, DOES_NOT_CONTAIN, EMPTY, IS_EMPTY, NOT_EMPTY, DOES_NOT_START_WITH',
    }),
    values: Type.Array(Type.Unknown()),
  },
  { additionalProperties: false },
);

const Profile = Type.Union(literals(EXPORT_PROFILES), {
  description:
    'Column set: `greenlake` (the 43 columns GreenLake exports), `focus-1.2` (every FOCUS 1.2 column, then `x_` columns) or `focus-1.3` (every FOCUS 1.3 Cost and Usage column, then `x_` columns); docs/focus.md lists each column and its source.',
});
const Dataset = Type.Union(literals(EXPORT_DATASETS), {
  description:
    'The FOCUS dataset delivered: `CostAndUsage` (the cost records; the default) or `ContractCommitment` (one row per commitment of the workspace in force during the range: ' +
    'FOCUS 1.3 only, so with profile `focus-1.3`, which it defaults to on create). The filter names columns of this dataset.',
});
const Format = Type.Union(literals(EXPORT_FORMATS));
const Compression = Type.Union(literals(EXPORT_COMPRESSIONS));
const Schedule = Type.Union([...literals(EXPORT_SCHEDULES), Type.Null()]);

export const ExportConfig = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    filter: Type.Array(ReportFieldCriteria),
    created: UserEvent,
    lastUpdated: UserEvent,
    lastRun: Type.Union([UserEvent, Type.Null()], { description: 'Null until the export first runs.' }),
    profile: Profile,
    dataset: Dataset,
    format: Format,
    compression: Compression,
    schedule: Schedule,
  },
  { $id: 'FocusExportConfig', title: 'FOCUS export configuration' },
);
export type ExportConfigDto = Static<typeof ExportConfig>;

export const ExportConfigList = Type.Object({
  offset: Type.Integer(),
  count: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(ExportConfig),
});

export const IdParams = Type.Object({ id: Type.String({ description: 'The export id: a UUID, any case, with or without hyphens.' }) });

/** Bodies are validated field by field by the service, so that each bad field is named in the 400. */
export const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    filter: Type.Optional(Type.Array(ReportFieldCriteria)),
    profile: Type.Optional(Profile),
    dataset: Type.Optional(Dataset),
    format: Type.Optional(Format),
    compression: Type.Optional(Compression),
    schedule: Type.Optional(Schedule),
  },
  { additionalProperties: false },
);

export const PatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    filter: Type.Optional(Type.Union([Type.Array(ReportFieldCriteria), Type.Null()])),
    profile: Type.Optional(Type.Union([Profile, Type.Null()])),
    dataset: Type.Optional(Type.Union([Dataset, Type.Null()])),
    format: Type.Optional(Type.Union([Format, Type.Null()])),
    compression: Type.Optional(Type.Union([Compression, Type.Null()])),
    schedule: Type.Optional(Schedule),
  },
  { additionalProperties: false, description: 'A JSON merge patch (RFC 7396): null resets an optional field to its default.' },
);

export const ContentsQuery = Type.Object({
  relativeDate: Type.Optional(
    Type.String({ description: 'YESTERDAY, LAST_7_DAYS, …, PREVIOUS_YEAR (case-insensitive); wins over startDate/endDate.' }),
  ),
  startDate: Type.Optional(Type.String({ description: 'First day (YYYY-MM-DD, inclusive, on ChargePeriodStart); needs endDate.' })),
  endDate: Type.Optional(Type.String({ description: 'Last day (YYYY-MM-DD, inclusive); needs startDate.' })),
  profile: Type.Optional(
    Type.String({ description: 'Overrides the definition profile: `greenlake`, `focus-1.2` or `focus-1.3` (a ContractCommitment export: `focus-1.3` only).' }),
  ),
  format: Type.Optional(
    Type.String({ description: 'Overrides the definition format and `Accept`: `csv` or `parquet`; the file name ends in `.csv` or `.parquet`.' }),
  ),
});
export type ContentsQueryDto = Static<typeof ContentsQuery>;

const Instant = Type.String({ description: 'FOCUS date/time, UTC: `2026-04-01T00:00:00Z`.' });
const FocusDatasetId = Type.Union(literals(EXPORT_DATASETS), { description: "The definition's dataset." });

/** The FOCUS 1.3 metadata of an export (focus-metadata.ts; ADR 0025): the four sections of the 1.3 metadata. */
export const FocusMetadata = Type.Object(
  {
    DataGenerator: Type.Object({ DataGenerator: Type.String(), DataGeneratorVersion: Type.String() }),
    DatasetInstance: Type.Array(
      Type.Object({
        DatasetInstanceId: Type.String({ description: 'The export id.' }),
        DatasetInstanceName: Type.String({ description: 'The export name.' }),
        FocusDatasetId,
      }),
    ),
    Schema: Type.Array(
      Type.Object({
        SchemaId: Type.String({ description: 'The profile and a digest of its column definitions: a new id whenever the structure changes.' }),
        DatasetInstanceId: Type.String(),
        FocusDatasetId,
        FocusVersion: Type.String(),
        DataGeneratorVersion: Type.String(),
        CreationDate: Instant,
        ColumnDefinition: Type.Array(
          Type.Object({
            ColumnName: Type.String(),
            DataType: Type.Union([Type.Literal('String'), Type.Literal('Decimal'), Type.Literal('Date/Time'), Type.Literal('JSON')]),
            NumericPrecision: Type.Optional(Type.Integer()),
            NumberScale: Type.Optional(Type.Integer()),
            StringEncoding: Type.Optional(Type.Literal('UTF-8')),
            Deprecated: Type.Optional(Type.Boolean()),
          }),
        ),
      }),
    ),
    Recency: Type.Array(
      Type.Object({
        DatasetInstanceId: Type.String(),
        DatasetInstanceComplete: Type.Boolean({ description: 'True when every time sector is complete (ContractCommitment: always, it accrues nothing).' }),
        DatasetInstanceLastUpdated: Instant,
        RecencyLastUpdated: Instant,
        TimeSectors: Type.Optional(
          Type.Array(
            Type.Object({
              TimeSectorStart: Instant,
              TimeSectorEnd: Instant,
              TimeSectorComplete: Type.Boolean({ description: 'True once the billing period has closed (its end and every record’s BillingPeriodEnd passed).' }),
              TimeSectorLastUpdated: Instant,
            }),
            { description: 'CostAndUsage only: one per billing period of the range. ContractCommitment is no time series and has none.' },
          ),
        ),
      }),
    ),
  },
  { $id: 'FocusExportMetadata', title: 'FOCUS 1.3 metadata of an export' },
);
