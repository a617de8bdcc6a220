/**
 * Console sessions (ADR 0027): server-side rows behind the `consumo_session` cookie. The cookie
 * carries 32 random bytes (base64url); the table keeps only their SHA-256, so a copy of the
 * database opens no session. A session ends after `idleMs` without a request and, whatever the
 * activity, `maxMs` after sign-in; signing out deletes it, and so does deleting the user or setting
 * a new password. `last_seen_at` moves at most once a minute: a busy console does not write on
 * every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { type Permission, permissionsOf } from '../rbac/permissions.js';
import * as repo from '../users/users.repository.js';

export const SESSION_COOKIE = 'consumo_session';
/** How stale `last_seen_at` may get before a request moves it. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface SessionPrincipal {
  workspaceId: string;
  userId: string;
  email: string;
  name: string;
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
  /** The absolute end of the session. */
  expiresAt: Date;
}

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

/** The cookie value's hash as stored (hex): the id itself is never written anywhere. */
export const sessionIdHash = (id: string): string => createHash('sha256').update(id).digest('hex');

/** A cookie value that could be a session id at all (43 base64url characters), before any lookup. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly limits: SessionLimits,
  ) {}

  /**
   * Starts a session for a user; returns the cookie value (shown to the browser only) and its
   * absolute end. The user's sessions that have ended unseen (a browser closed, never signed out)
   * are deleted here, so they do not pile up.
   */
  async create(user: { workspace_id: string; id: string }): Promise<{ id: string; expiresAt: Date }> {
    const id = randomBytes(32).toString('base64url');
    const at = new Date(this.now());
    const expiresAt = new Date(at.getTime() + this.limits.maxMs);
    await repo.deleteEndedSessions(this.db, user.workspace_id, user.id, at, new Date(at.getTime() - this.limits.idleMs));
    await repo.insertSession(this.db, {
      workspace_id: user.workspace_id,
      id_hash: sessionIdHash(id),
      user_id: user.id,
      created_at: at,
      last_seen_at: at,
      expires_at: expiresAt,
    });
    return { id, expiresAt };
  }

  /**
   * Who the session speaks for, or undefined when there is no such session or it has ended (idle
   * or absolute; an ended session's row is deleted). A live session is touched at most once a minute.
   */
  async verify(id: string): Promise<SessionPrincipal | undefined> {
    if (!SESSION_ID.test(id)) return undefined;
    const idHash = sessionIdHash(id);
    const row = await repo.findSessionByHash(this.db, idHash);
    if (!row) return undefined;
    const nowMs = this.now();
    if (nowMs >= row.expires_at.getTime() || nowMs >= row.last_seen_at.getTime() + this.limits.idleMs) {
      await repo.deleteSession(this.db, row.workspace_id, idHash);
      return undefined;
    }
    if (nowMs - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) await this.touch(row.workspace_id, idHash, nowMs);
    return {
      workspaceId: row.workspace_id,
      userId: row.user_id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      permissions: permissionsOf(row.roles, row.workspace_is_system),
      expiresAt: row.expires_at,
    };
  }

  /** Marks the session as used now (moves its idle expiry). */
  async touch(workspaceId: string, idHash: string, nowMs: number = this.now()): Promise<void> {
    await repo.touchSession(this.db, workspaceId, idHash, new Date(nowMs));
  }

  /** Ends the session (signing out). Unknown ids are a no-op. */
  async revoke(id: string): Promise<void> {
    const idHash = sessionIdHash(id);
    const row = await repo.findSessionByHash(this.db, idHash);
    if (row) await repo.deleteSession(this.db, row.workspace_id, idHash);
  }
}
