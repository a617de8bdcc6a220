/** Turns filter problems into the GreenLake 400: one `query.parameter` issue naming the parameter. */
import { FilterSyntaxError } from '@consumo/filter';
import { type ApiError, badRequest } from '../errors/index.js';

/** A 400 whose description ends with where the problem is, as syntax errors do. */
export function filterIssue(parameter: string, reason: string, position: number, hint?: string): ApiError {
  const description = `${reason} at position ${position}${hint === undefined ? '' : `; ${hint}`}`;
  return badRequest([{ source: 'query.parameter', subject: parameter, description }]);
}

/** Runs a parser, reporting its FilterSyntaxError as the 400 for `parameter`. */
export function parseFor<T>(parameter: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw filterIssue(parameter, error.reason, error.position, error.hint);
    throw error;
  }
}
