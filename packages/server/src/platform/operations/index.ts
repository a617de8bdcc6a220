/** Asynchronous operations: one lifecycle, one time-out rule, one resource shape, for every family. */
export { ACTIVE_STATUSES, OPERATION_STATUSES, type OperationStatus, isActive } from './operation-status.js';
export { type OperationError, operationError } from './operation-error.js';
export { type OperationTable, endOperation, markRunning, timeOut } from './operations.repository.js';
export {
  type OperationRow, type OperationSpec, acceptOperation, deadlineOf, failOnLastAttempt, readOperation, stillActive, timeOutIfDue,
} from './operation-lifecycle.js';
export { POLLING_INTERVAL_SECONDS, type OperationView, operationDto, progressPercent, runOperationSchema } from './operation-dto.js';
