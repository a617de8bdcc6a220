/** Request and response shapes of FOCUS export runs: GreenLake's async-operation resource, with the files a run wrote. */
import { Type, type Static } from '@sinclair/typebox';
import { acceptedSchema } from '../../platform/http/accepted.js';
import { runOperationSchema } from '../../platform/operations/index.js';
import { EXPORT_RUN_TRIGGERS } from './focus-exports.enums.js';

export const RunBody = Type.Object(
  {
    relativeDate: Type.Optional(Type.String({ description: 'YESTERDAY, LAST_7_DAYS, …, PREVIOUS_YEAR (case-insensitive); wins over startDate/endDate.' })),
    startDate: Type.Optional(Type.String({ description: 'First day (YYYY-MM-DD, inclusive, on ChargePeriodStart); needs endDate.' })),
    endDate: Type.Optional(Type.String({ description: 'Last day (YYYY-MM-DD, inclusive); needs startDate.' })),
  },
  {
    additionalProperties: false,
    description: "May be left out (no body, or `{}`): the run then covers the definition's schedule range.",
  },
);
export type RunBodyDto = Static<typeof RunBody>;

export const RunParams = Type.Object({
  id: Type.String({ description: 'The export id: a UUID, any case, with or without hyphens.' }),
  runId: Type.String({ description: 'The run id (the transactionId of the 202).' }),
});

export const AcceptedRun = acceptedSchema('The run id; poll the Location.');

export const RunFile = Type.Object({
  path: Type.String({ description: 'Relative to CONSUMO_EXPORT_DIR: `<workspace>/<export>/BILLING_PERIOD=YYYY-MM/part-00001.csv`.' }),
  rows: Type.Integer(),
  bytes: Type.Integer(),
});

export const ExportRun = runOperationSchema(
  'consumption-analytics/focus-export-run',
  'focusExportRunResult',
  Type.Object({
    exportId: Type.String(),
    trigger: Type.Union(EXPORT_RUN_TRIGGERS.map((t) => Type.Literal(t))),
    from: Type.String({ description: 'First day, inclusive.' }),
    to: Type.String({ description: 'Last day, inclusive.' }),
    periods: Type.Integer({ description: 'Billing periods (calendar months) the range overlaps.' }),
    periodsDone: Type.Integer(),
    files: Type.Array(RunFile),
    rowsWritten: Type.Integer(),
    bytesWritten: Type.Integer(),
  }),
);

export const ExportRunList = Type.Object({
  offset: Type.Integer(),
  count: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(ExportRun),
});

export const RunFileParams = Type.Object({
  id: RunParams.properties.id,
  runId: RunParams.properties.runId,
  billingPeriod: Type.String({ description: 'The billing period of the file: `YYYY-MM` (the `billingPeriod` of its manifest).' }),
  name: Type.String({ description: 'The file name as the period manifest lists it: a part (`part-00001.csv`, `.csv.gz`, `.parquet`) or `metadata.json`.' }),
});

const ManifestFile = Type.Object({
  name: Type.String({ description: 'File name in the period directory, e.g. `part-00001.csv`.' }),
  rows: Type.Integer(),
  bytes: Type.Integer(),
  sha256: Type.String({ description: 'Hex SHA-256 of the file as written.' }),
});

/** One `manifest.json` as the run wrote it (`dataset` and `metadata` are absent from files written before FOCUS 1.3). */
export const PeriodManifest = Type.Object(
  {
    runId: Type.String(),
    exportId: Type.String(),
    profile: Type.String(),
    dataset: Type.Optional(Type.String()),
    focusVersion: Type.String(),
    format: Type.String(),
    compression: Type.String(),
    billingPeriod: Type.String({ description: '`YYYY-MM`.' }),
    range: Type.Object({ from: Type.String(), to: Type.String() }, { description: "The run's whole range, inclusive." }),
    files: Type.Array(ManifestFile),
    rows: Type.Integer(),
    bytes: Type.Integer(),
    createdAt: Type.String(),
    metadata: Type.Optional(Type.Object({ name: Type.String(), bytes: Type.Integer(), sha256: Type.String() }, { description: "The period's FOCUS metadata file." })),
  },
  { description: "The period directory's `manifest.json`, verbatim." },
);

export const RunManifest = Type.Object({
  runId: Type.String(),
  exportId: Type.String(),
  status: Type.String({ description: 'The run\'s status; while RUNNING, `periods` grows as billing periods are done.' }),
  periods: Type.Array(
    Type.Object({
      billingPeriod: Type.String({ description: '`YYYY-MM`.' }),
      state: Type.Union([Type.Literal('written'), Type.Literal('replaced'), Type.Literal('missing')], {
        description:
          '`written`: the directory holds this run\'s files, `manifest` says which; `replaced`: a later run rewrote the period (`replacedBy`); ' +
          '`missing`: no readable manifest.json is there (removed outside Consumo).',
      }),
      replacedBy: Type.Union([Type.String(), Type.Null()], { description: 'The run whose files the period now holds, when `replaced`.' }),
      manifest: Type.Union([PeriodManifest, Type.Null()]),
    }),
    { description: 'The billing periods the run has written, in order.' },
  ),
});
export type RunManifestDto = Static<typeof RunManifest>;
export type PeriodManifestDto = Static<typeof PeriodManifest>;
