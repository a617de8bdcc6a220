/**
 * A workspace's people (ADR 0027): e-mail (lower-case, unique in the installation), name, password
 * (salted scrypt, the client secrets' scheme) and roles. Who may manage them is the admin API's
 * rule (modules/admin); this is what a user is, and the password check of sign-in.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../storage/database.js';
import { ApiError, badRequest, type Issue } from '../errors/index.js';
import { generateSecret, hashSecret, verifySecretOrThrowaway } from '../auth/secrets.js';
import * as repo from './users.repository.js';

export const MIN_PASSWORD_LENGTH = 12;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Why a password is refused, or undefined when it is good enough. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `A password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  return undefined;
}

function assertPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw badRequest([{ source: 'field', subject: 'password', description: problem }]);
}

export interface NewUserInput {
  workspaceId: string;
  email: string;
  name?: string | undefined;
  /** Generated (and returned once) when not given. */
  password?: string | undefined;
  roles: string[];
}

const emailTaken = (email: string) => new ApiError('CONFLICT', { message: `A user with e-mail '${email}' already exists.` });

/** Creates a user; `password` is the generated one, undefined when the caller chose it. */
export async function createUser(db: Executor, input: NewUserInput, id: string = randomUUID()): Promise<{ user: repo.UserRow; password: string | undefined }> {
  const email = normalizeEmail(input.email);
  const issues: Issue[] = [];
  if (!EMAIL.test(email)) issues.push({ source: 'field', subject: 'email', description: `'${input.email}' is not an e-mail address.` });
  const problem = input.password === undefined ? undefined : passwordProblem(input.password);
  if (problem) issues.push({ source: 'field', subject: 'password', description: problem });
  if (issues.length) throw badRequest(issues);
  if (await repo.findUserByEmail(db, email)) throw emailTaken(email);
  const password = input.password ?? generateSecret();
  try {
    const user = await repo.insertUser(db, {
      workspace_id: input.workspaceId,
      id,
      email,
      name: input.name?.trim() || email.split('@')[0]!,
      password_hash: await hashSecret(password),
      roles: input.roles,
    });
    return { user, password: input.password === undefined ? password : undefined };
  } catch (err) {
    // Two creations of one e-mail at once: the unique index decides, and the loser gets the 409.
    if ((err as { code?: unknown }).code === '23505') throw emailTaken(email);
    throw err;
  }
}

/**
 * Sets a user's password (generated when not given) and ends every session of theirs, in one
 * transaction. Undefined when the workspace has no such user.
 */
export async function resetPassword(
  db: Db,
  workspaceId: string,
  userId: string,
  given: string | undefined,
  nowMs: number,
): Promise<{ user: repo.UserRow; password: string | undefined } | undefined> {
  if (given !== undefined) assertPassword(given);
  const password = given ?? generateSecret();
  const hash = await hashSecret(password);
  const user = await db.transaction().execute(async (trx) => {
    const row = await repo.setPasswordHash(trx, workspaceId, userId, hash, new Date(nowMs));
    if (row) await repo.deleteUserSessions(trx, workspaceId, userId);
    return row;
  });
  return user && { user, password: given === undefined ? password : undefined };
}

/** Deletes a user; its sessions go with it (ON DELETE CASCADE). False when the workspace has no such user. */
export function deleteUser(db: Executor, workspaceId: string, userId: string): Promise<boolean> {
  return repo.deleteUser(db, workspaceId, userId);
}

/**
 * The user whose e-mail and password these are, or undefined. An unknown e-mail is checked against
 * a throwaway hash of the same cost: it takes as long to refuse as a wrong password.
 */
export async function checkPassword(db: Executor, email: string, password: string): Promise<repo.UserRow | undefined> {
  const user = await repo.findUserByEmail(db, normalizeEmail(email));
  return (await verifySecretOrThrowaway(password, user?.password_hash)) ? user : undefined;
}
