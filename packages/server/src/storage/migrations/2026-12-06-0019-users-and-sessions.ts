/**
 * People and their sessions (issue 16, ADR 0027). `users` are a workspace's people: the key leads
 * with the workspace, the e-mail (stored lower-case) is unique in the whole installation — sign-in
 * finds the user, and so the workspace, by e-mail alone — and an index on the id alone serves the
 * guard's and the admin API's reads by id. `user_sessions` keep only the SHA-256 of the cookie's
 * random id, with idle (`last_seen_at`) and absolute (`expires_at`) expiry; deleting a user deletes
 * its sessions.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('users_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('users_email').on('users').column('email').unique().execute();
  await db.schema.createIndex('users_id').on('users').column('id').execute();

  await db.schema
    .createTable('user_sessions')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_sessions_pk', ['workspace_id', 'id_hash'])
    .addForeignKeyConstraint('user_sessions_user', ['workspace_id', 'user_id'], 'users', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('user_sessions_id_hash').on('user_sessions').column('id_hash').execute();
  await db.schema.createIndex('user_sessions_user').on('user_sessions').columns(['workspace_id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_sessions').ifExists().execute();
  await db.schema.dropTable('users').ifExists().execute();
}
