/** Recognises the constraint violations a race between a check and a write can cause, so they become 409s, not 500s. */

const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

interface PgError {
  code?: unknown;
  constraint?: unknown;
}

function violates(err: unknown, code: string, constraint?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as PgError;
  return e.code === code && (constraint === undefined || e.constraint === constraint);
}

/** PostgreSQL and PGlite both report the SQLSTATE as `code` and the constraint's name as `constraint`. */
export const isForeignKeyViolation = (err: unknown, constraint?: string) => violates(err, FOREIGN_KEY_VIOLATION, constraint);
export const isUniqueViolation = (err: unknown, constraint?: string) => violates(err, UNIQUE_VIOLATION, constraint);
