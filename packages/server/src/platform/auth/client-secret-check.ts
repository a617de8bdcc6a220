/**
 * The token endpoints' check of a client id and secret: a remembered secret passes at once (the
 * client is still read, so a deleted one is refused); any other attempt goes through the
 * failed-attempt throttle first, then one scrypt — against a throwaway hash when the id is
 * unknown, so an unknown id and a wrong secret take the same time.
 */
import type { Db } from '../../storage/database.js';
import { parseUuid } from '../formats/index.js';
import { type ApiClientRow, findApiClient } from '../tenancy/api-clients.repository.js';
import { verifySecretOrThrowaway } from './secrets.js';
import type { TokenThrottle } from './token-throttle.js';
import type { VerifiedSecrets } from './verified-secrets.js';

export interface ClientSecretCheckDeps {
  db: Db;
  verified: VerifiedSecrets;
  /** Absent: no throttle (tests of other concerns). */
  throttle?: TokenThrottle;
}

export interface PresentedCredentials {
  clientId: string;
  secret: string;
  /** The workspace a workspace-scoped token endpoint names; a client of another one is refused. */
  workspaceInPath: string | undefined;
  /** The source address, for the throttle. */
  address: string;
}

export type ClientSecretCheck =
  | { outcome: 'valid'; client: ApiClientRow }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfterSeconds: string };

export async function checkClientSecret(deps: ClientSecretCheckDeps, presented: PresentedCredentials): Promise<ClientSecretCheck> {
  const id = parseUuid(presented.clientId);
  const remembered = id ? deps.verified.matched(id, presented.secret) : undefined;
  // The throttle first, before any database read or scrypt: a refused guess costs one counter.
  // Keyed by the id as presented (bounded in length), known or not: the throttle tells nothing either.
  const throttleKey = id ?? `malformed:${presented.clientId.slice(0, 64)}`;
  let admission = remembered === undefined ? await deps.throttle?.admit(presented.address, throttleKey) : undefined;
  if (admission && !admission.admitted) return { outcome: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };

  const client = id ? await findApiClient(deps.db, id) : undefined;
  const inWorkspace = client !== undefined && (presented.workspaceInPath === undefined || presented.workspaceInPath === client.workspace_id);
  if (client && inWorkspace && remembered === client.secret_hash) return { outcome: 'valid', client };
  if (remembered !== undefined) {
    // Remembered against a hash the client no longer has (or another workspace): an ordinary attempt.
    admission = await deps.throttle?.admit(presented.address, throttleKey);
    if (admission && !admission.admitted) return { outcome: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
  }

  const valid = await verifySecretOrThrowaway(presented.secret, client?.secret_hash);
  if (!client || !valid || !inWorkspace) return { outcome: 'invalid' };
  deps.verified.remember(client.id, presented.secret, client.secret_hash);
  if (admission?.admitted) await deps.throttle?.forgive(admission.attempt);
  return { outcome: 'valid', client };
}
