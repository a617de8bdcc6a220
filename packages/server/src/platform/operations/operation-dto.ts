/**
 * The async-operation resource as GreenLake shows it (subscription operations, https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/), used
 * by every family's operations: subscription operations, rating runs, FOCUS export runs. Each family
 * brings its `type`, `resultType` and `result`; progress, times, polling and error are the same.
 */
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import { isoUtcMillis } from '../query/index.js';
import { OPERATION_STATUSES, type OperationStatus } from './operation-status.js';

export const POLLING_INTERVAL_SECONDS = 2;

/** The response schema of one run (rating runs, export runs): an operation with the run's own result. */
export function runOperationSchema<R extends TSchema>(type: string, resultType: string, result: R): TObject {
  return Type.Object({
    id: Type.String(),
    type: Type.Literal(type),
    status: Type.Union(OPERATION_STATUSES.map((s) => Type.Literal(s))),
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

/** The share of units done (days, billing periods, items), 100 only once SUCCEEDED. */
export function progressPercent(status: OperationStatus, done: number, total: number): number {
  if (status === 'SUCCEEDED') return 100;
  return total === 0 ? 0 : Math.min(99, Math.floor((done * 100) / total));
}

export interface OperationView<T extends string, RT extends string, R> {
  id: string;
  type: T;
  status: OperationStatus;
  progressPercent: number;
  startedAt: Date;
  endedAt: Date | null;
  timeoutMinutes: number;
  pollingIntervalSeconds?: number;
  resultType: RT;
  result: R;
  error: unknown;
}

/** An operation as the API shows it, its properties in GreenLake's order. */
export function operationDto<T extends string, RT extends string, R>(op: OperationView<T, RT, R>) {
  return {
    status: op.status,
    startedAt: isoUtcMillis(op.startedAt),
    ...(op.endedAt && { endedAt: isoUtcMillis(op.endedAt) }),
    progressPercent: op.progressPercent,
    suggestedPollingIntervalSeconds: op.pollingIntervalSeconds ?? POLLING_INTERVAL_SECONDS,
    timeoutMinutes: op.timeoutMinutes,
    result: op.result,
    resultType: op.resultType,
    id: op.id,
    type: op.type,
    ...(op.error ? { error: op.error } : {}),
  };
}
