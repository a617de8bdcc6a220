/** The database's side of a remembered principal (ADR 0034): the check a route's statement carries. */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { PrincipalCheck } from './principal-check.js';

/** True while the subject's row, workspace and roles are exactly what the principal was computed from. */
export function principalStillHolds(check: PrincipalCheck, asOf: Date): RawBuilder<SqlBool> {
  if (check.subject === 'client') {
    return sql<SqlBool>`exists (select 1 from api_clients as pc inner join workspaces as pw on pw.id = pc.workspace_id where pc.id = ${check.id} and pc.workspace_id = ${check.workspaceId} and pc.roles = cast(${check.roles} as text[]) and pw.is_system = ${check.workspaceIsSystem})`;
  }
  return sql<SqlBool>`exists (select 1 from workspace_api_tokens as pt inner join workspaces as pw on pw.id = pt.workspace_id where pt.id = ${check.id} and pt.workspace_id = ${check.workspaceId} and pt.roles = cast(${check.roles} as text[]) and pw.is_system = ${check.workspaceIsSystem} and pt.revoked_at is null and pt.expires_at > ${asOf})`;
}
