/** The states of every asynchronous operation (subscription operations, rating runs, export runs). */

export const OPERATION_STATUSES = ['INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Not yet ended: a worker may still move it, and it times out past its deadline. */
export const ACTIVE_STATUSES = ['INITIALIZED', 'RUNNING'] as const satisfies readonly OperationStatus[];

export function isActive(operation: { status: string }): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(operation.status);
}
