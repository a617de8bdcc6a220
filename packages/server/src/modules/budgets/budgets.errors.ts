/**
 * Errors of the Cloud Cruiser XML API: the HTTP status and a plain message, as Cloud Cruiser's
 * `ServiceException` carried them (ADR 0017). The JSON face maps the same errors to GreenLake envelopes.
 */
export class BudgetApiError extends Error {
  override readonly name = 'BudgetApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new BudgetApiError(400, message);
export const notFound = (message: string) => new BudgetApiError(404, message);
export const conflict = (message: string) => new BudgetApiError(409, message);
