/**
 * First start on an empty database: create the bootstrap workspace, an API client holding every
 * role and an admin user of the console holding every role (ADR 0027), fixed by CONSUMO_BOOTSTRAP_*
 * when set, and report the credentials once.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../storage/database.js';
import { generateSecret, hashSecret } from './auth/secrets.js';
import { roleNames } from './rbac/permissions.js';
import { countWorkspaces, insertWorkspace } from './tenancy/workspaces.repository.js';
import { insertApiClient } from './tenancy/api-clients.repository.js';
import { insertUser } from './users/users.repository.js';
import { normalizeEmail, passwordProblem } from './users/users.service.js';
import { isWorkspaceId, newWorkspaceId } from './tenancy/ids.js';
import { isUuid } from './formats/index.js';
import { ConfigError, type Config } from '../config.js';
import { lockBootstrap } from '../storage/advisory-locks.js';

export interface BootstrapCredentials {
  workspaceId: string;
  clientId: string;
  clientSecret: string;
  /** The bootstrap admin user of the console: e-mail and password. */
  adminEmail: string;
  adminPassword: string;
}

export interface BootstrapOptions {
  /** Runs in the bootstrap's transaction once the workspace is in it (the caller marks its demo as pending). */
  inTransaction?: (trx: Executor, workspaceId: string) => Promise<void>;
}

/** Returns the new credentials, or undefined when the database already had a workspace. */
export async function bootstrap(db: Db, config: Config, options: BootstrapOptions = {}): Promise<BootstrapCredentials | undefined> {
  const { workspaceId = newWorkspaceId(), clientId = randomUUID(), clientSecret = generateSecret() } = config.bootstrap;
  if (!isWorkspaceId(workspaceId)) throw new ConfigError('CONSUMO_BOOTSTRAP_WORKSPACE_ID must be 32 lowercase hex digits');
  if (!isUuid(clientId)) throw new ConfigError('CONSUMO_BOOTSTRAP_CLIENT_ID must be a UUID');
  if (clientSecret.length < 16) throw new ConfigError('CONSUMO_BOOTSTRAP_CLIENT_SECRET must be at least 16 characters');
  const adminEmail = normalizeEmail(config.bootstrap.adminEmail);
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) throw new ConfigError(`CONSUMO_BOOTSTRAP_ADMIN_EMAIL must be an e-mail address, got '${config.bootstrap.adminEmail}'`);
  const adminPassword = config.bootstrap.adminPassword ?? generateSecret();
  const weak = passwordProblem(adminPassword);
  if (weak) throw new ConfigError(`CONSUMO_BOOTSTRAP_ADMIN_PASSWORD: ${weak}`);
  // Every start but the first finds workspaces: skip the deliberately slow secret hash then.
  if ((await countWorkspaces(db)) > 0) return undefined;
  const [secretHash, passwordHash] = await Promise.all([hashSecret(clientSecret), hashSecret(adminPassword)]);
  return db.transaction().execute(async (trx) => {
    // Two processes starting at once on one PostgreSQL must not both bootstrap.
    await lockBootstrap(trx);
    if ((await countWorkspaces(trx)) > 0) return undefined;
    // The system workspace: its clients alone may hold the operator role platform-admin (ADR 0021).
    await insertWorkspace(trx, { id: workspaceId, name: 'Demo workspace', is_system: true });
    await insertApiClient(trx, {
      id: clientId.toLowerCase(),
      workspace_id: workspaceId,
      name: 'bootstrap',
      secret_hash: secretHash,
      roles: [...roleNames],
    });
    await insertUser(trx, {
      workspace_id: workspaceId,
      id: randomUUID(),
      email: adminEmail,
      name: 'Administrator',
      password_hash: passwordHash,
      roles: [...roleNames],
    });
    await options.inTransaction?.(trx, workspaceId);
    return { workspaceId, clientId: clientId.toLowerCase(), clientSecret, adminEmail, adminPassword };
  });
}
