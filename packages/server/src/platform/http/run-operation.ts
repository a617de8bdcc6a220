/**
 * The async-operation view of a run (rating runs, FOCUS export runs): GreenLake's async-operation
 * resource with a run's own `type`, `resultType` and `result`. Progress is the share of units
 * done (days, billing periods), 100 only once SUCCEEDED.
 */
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import { isoUtcMillis } from '../query/index.js';

export const POLLING_INTERVAL_SECONDS = 2;

const RUN_STATUSES = ['INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The response schema of one run. */
export function runOperationSchema<R extends TSchema>(type: string, resultType: string, result: R): TObject {
  return Type.Object({
    id: Type.String(),
    type: Type.Literal(type),
    status: Type.Union(RUN_STATUSES.map((s) => Type.Literal(s))),
    progressPercent: Type.Integer({ minimum: 0, maximum: 100 }),
    startedAt: Type.String({ format: 'date-time' }),
    endedAt: Type.Optional(Type.String({ format: 'date-time' })),
    suggestedPollingIntervalSeconds: Type.Integer(),
    timeoutMinutes: Type.Integer(),
    resultType: Type.Literal(resultType),
    result,
    error: Type.Optional(Type.Object({}, { additionalProperties: true })),
  });
}

export interface RunOperation<T extends string, RT extends string, R> {
  id: string;
  type: T;
  status: RunStatus;
  /** Units of work done and in all (days, billing periods). */
  done: number;
  total: number;
  startedAt: Date;
  endedAt: Date | null;
  timeoutMinutes: number;
  resultType: RT;
  result: R;
  error: unknown;
}

/** A run as the API shows it. */
export function runOperationDto<T extends string, RT extends string, R>(run: RunOperation<T, RT, R>) {
  const progressPercent = run.status === 'SUCCEEDED' ? 100 : run.total === 0 ? 0 : Math.min(99, Math.floor((run.done * 100) / run.total));
  return {
    id: run.id,
    type: run.type,
    status: run.status,
    progressPercent,
    startedAt: isoUtcMillis(run.startedAt),
    ...(run.endedAt && { endedAt: isoUtcMillis(run.endedAt) }),
    suggestedPollingIntervalSeconds: POLLING_INTERVAL_SECONDS,
    timeoutMinutes: run.timeoutMinutes,
    resultType: run.resultType,
    result: run.result,
    ...(run.error ? { error: run.error } : {}),
  };
}
