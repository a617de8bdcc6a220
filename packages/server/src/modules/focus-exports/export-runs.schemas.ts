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
