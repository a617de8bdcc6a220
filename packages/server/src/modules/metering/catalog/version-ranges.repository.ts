/** The SQL counterpart of version-ranges.ts's inForceAt, for the repositories that list each key's current version. */
import { type RawBuilder, sql } from 'kysely';

/** True for the version whose half-open [effective_from, effective_to) holds `now`. */
export function inForceAt(now: Date): RawBuilder<boolean> {
  return sql<boolean>`(effective_from <= ${now} and (effective_to is null or effective_to > ${now}))`;
}
