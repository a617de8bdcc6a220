/** Schemas of the stand-in control plane under /_consumo/ (ADR 0023). */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { WORKSPACE_ID_PATTERN } from '../../platform/tenancy/ids.js';

/** Said of every control-plane route in the OpenAPI document. */
export const STAND_IN_ONLY = 'Served only in stand-in mode (CONSUMO_STAND_IN=1), to the operator (platform-admin of the system workspace); otherwise every /_consumo/ path is a 404.';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const WorkspaceId = (description: string) => Type.String({ pattern: WORKSPACE_ID_PATTERN, description: `${description} (32 lowercase hex digits)` });
const SnapshotName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', description: '1 to 100 letters, digits, dots, dashes or underscores.' });

export const ResetBody = Type.Object(
  {
    workspaceId: Type.Optional(WorkspaceId('Empty this workspace only (its API clients and tokens stay); absent: everything.')),
    demo: Type.Optional(Type.Boolean({ description: 'Seed the demo data again into the emptied workspace (the system workspace when resetting everything).' })),
  },
  { additionalProperties: false },
);
export type ResetBody = Static<typeof ResetBody>;

export const ResetResult = Type.Object({
  workspaceId: Nullable(Type.String({ description: 'The workspace reset, or null for everything.' })),
  demoWorkspaceId: Nullable(Type.String({ description: 'The workspace the demo was seeded into.' })),
});

export const CreateSnapshot = Type.Object(
  {
    name: SnapshotName,
    workspaceId: Type.Optional(WorkspaceId("Snapshot this workspace's rows only; absent: every table of every workspace.")),
  },
  { additionalProperties: false },
);
export type CreateSnapshot = Static<typeof CreateSnapshot>;

const SnapshotFields = {
  format: Type.Literal('consumo-snapshot'),
  version: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  workspaceId: Nullable(Type.String({ description: 'The one workspace the snapshot holds, or null for the whole installation.' })),
  schema: Type.String({ description: 'The last migration of the schema it was taken from; it restores into that schema only.' }),
  sizeBytes: Type.Integer(),
};
export const Snapshot = Type.Object(SnapshotFields);
export const CreatedSnapshot = Type.Object({ ...SnapshotFields, tables: Type.Record(Type.String(), Type.Integer(), { description: 'Rows per table.' }) });
export const SnapshotList = Type.Object({ items: Type.Array(Snapshot), count: Type.Integer() });
export const SnapshotParams = Type.Object({ name: SnapshotName });

const FaultMatch = Type.Object(
  {
    method: Type.Optional(Type.String({ pattern: '^(\\*|[A-Za-z]{1,16})$', description: 'An HTTP method, or * (the default) for any.' })),
    path: Type.String({ minLength: 1, maxLength: 1024, description: 'A path glob: * within one segment, ** across segments, ? one character.' }),
    workspaceId: Type.Optional(WorkspaceId('Only requests authenticated in this workspace.')),
  },
  { additionalProperties: false },
);
const FaultAction = Type.Object(
  {
    status: Type.Optional(Type.Integer({ minimum: 200, maximum: 599, description: 'The status to answer; absent: served as usual after latencyMs.' })),
    body: Type.Optional(Type.Unknown({ description: "The body to answer (JSON); absent: the path's family error envelope for the status." })),
    headers: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }), Type.String({ maxLength: 1024 }))),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 300_000, description: 'Wait this long before answering.' })),
    dropConnection: Type.Optional(Type.Boolean({ description: 'Send the headers and half the body, then close the connection.' })),
  },
  { additionalProperties: false },
);
export const CreateFault = Type.Object(
  {
    match: FaultMatch,
    action: FaultAction,
    probability: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'The chance a matching request is hit (default 1).' })),
    times: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Hit this many requests, then stop (default: until deleted).' })),
  },
  { additionalProperties: false },
);
export type CreateFault = Static<typeof CreateFault>;

export const Fault = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String({ format: 'date-time' }),
  match: FaultMatch,
  action: FaultAction,
  probability: Type.Number(),
  times: Type.Optional(Type.Integer()),
  hits: Type.Integer({ description: 'Requests hit so far.' }),
  remaining: Nullable(Type.Integer({ description: 'Hits left; null when unbounded.' })),
});
export const FaultList = Type.Object({ items: Type.Array(Fault), count: Type.Integer() });
export const FaultParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const LoggedBody = Type.Object({
  text: Nullable(Type.String({ description: 'The body after redaction, cut at 16,384 characters; null when none or larger than 256 KiB.' })),
  bytes: Type.Integer(),
  truncated: Type.Boolean(),
});
export const LoggedRequest = Type.Object({
  seq: Type.Integer(),
  requestId: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  method: Type.String(),
  path: Type.String(),
  query: Type.String({ description: 'The query string after redaction, without ?.' }),
  status: Type.Integer(),
  durationMs: Type.Number(),
  workspaceId: Nullable(Type.String()),
  requestHeaders: Type.Record(Type.String(), Type.String()),
  requestBody: LoggedBody,
  responseContentType: Nullable(Type.String()),
  responseBody: LoggedBody,
});
export const RequestLogPage = Type.Object({
  items: Type.Array(LoggedRequest),
  count: Type.Integer({ description: 'Entries in items.' }),
  total: Type.Integer({ description: 'Entries matching, of those the log holds.' }),
});
export const RequestLogQuery = Type.Object(
  {
    method: Type.Optional(Type.String({ pattern: '^[A-Za-z]{1,16}$' })),
    path: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'A path glob.' })),
    status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Requests received at or after this RFC 3339 instant.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Newest first; default 100.' })),
  },
  { additionalProperties: false },
);
export type RequestLogQuery = Static<typeof RequestLogQuery>;

export const ClockState = Type.Object({
  now: Type.String({ format: 'date-time', description: "The clock's time, RFC 3339 UTC to the millisecond." }),
  frozen: Type.Boolean({ description: 'True when set or advanced (it stands still); false when it runs with the real time.' }),
});
export const ClockMove = Type.Object(
  {
    now: Type.Optional(Type.String({ description: 'Freeze the clock at this RFC 3339 date-time (earlier than the current time is allowed).', examples: ['2026-01-31T23:00:00Z'] })),
    advanceBy: Type.Optional(Type.String({ description: 'Move the clock forward by an ISO 8601 duration of weeks, days, hours, minutes, seconds (P1D, PT1H, P1DT2H30M) and freeze it there; years, months and negative durations are refused.', examples: ['P1D'] })),
    realTime: Type.Optional(Type.Literal(true, { description: 'Go back to the real time.' })),
  },
  { additionalProperties: false, description: 'Exactly one of now, advanceBy or realTime.' },
);
export type ClockMove = Static<typeof ClockMove>;
export const ClockMoveResult = Type.Object({
  ...ClockState.properties,
  started: Type.Object(
    {
      scheduleRuns: Type.Integer({ description: 'Export runs started by the schedules due at the new time (each schedule at most once).' }),
      alertEvaluations: Type.Integer({ description: 'Budget-alert evaluation jobs enqueued: one per workspace with budgets, at the new time and over the periods the move passed.' }),
    },
    { description: 'Work started by the move: created and enqueued when the answer goes out, run by the job worker.' },
  ),
});

export const AsyncSettings = Type.Object({
  mode: Type.Union([Type.Literal('auto'), Type.Literal('manual')], {
    description: 'auto: the job worker takes each new operation (after delayMs); manual: new operations stay INITIALIZED until moved with /_consumo/operations/{id}/….',
  }),
  delayMs: Type.Integer({ minimum: 0, maximum: 3_600_000, description: 'In auto mode, the real time (not the stand-in clock) each new operation waits before it is worked; 0: at once.' }),
});
export const AsyncSettingsUpdate = Type.Object(
  {
    mode: AsyncSettings.properties.mode,
    delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000, description: 'Default 0.' })),
  },
  { additionalProperties: false },
);
export type AsyncSettingsUpdate = Static<typeof AsyncSettingsUpdate>;
export const AsyncState = Type.Object({
  ...AsyncSettings.properties,
  held: Type.Integer({ description: 'Operations whose job is held now (manual, or waiting out delayMs).' }),
});
export const AsyncSettingsResult = Type.Object({
  ...AsyncSettings.properties,
  released: Type.Integer({ description: 'Held operations released to the job worker by this change (a change to auto releases them all).' }),
});

export const OperationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024, description: 'The operation id: a subscription operation, rating run or export run.' }) });
export const FailOperation = Type.Object(
  {
    // eslint-disable-next-line no-restricted-syntax -- a field that names a catalog code (validated against the catalog), not an envelope spelled by hand
    errorCode: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "An errorCode of the error catalog (docs/errors.md); default HPE_GL_ERROR_INTERNAL_SERVER_ERROR, as a worker's last failed attempt records." })),
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: "The error's message; default the family's (for the default code) or the catalog's." })),
  },
  { additionalProperties: false },
);
export type FailOperation = Static<typeof FailOperation>;
export const MovedOperation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('subscription-operation'), Type.Literal('rating-run'), Type.Literal('export-run')]),
  workspaceId: Type.String(),
  status: Type.Union(['INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT'].map((s) => Type.Literal(s))),
  location: Type.String({ description: "The family's status path: its GET answers the family's exact body." }),
});
