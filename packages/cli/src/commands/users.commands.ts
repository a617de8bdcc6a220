/**
 * `consumo users create|list|delete|reset-password`: the people who sign in to the console
 * (ADR 0027), over the administration API. The workspace is --workspace, else the one of the
 * credentials in use (CONSUMO_WORKSPACE_ID or the credentials file's workspace_id).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { unwrap } from '@consumo/sdk';
import { UsageError, connect } from '../connection.js';
import { printJson, printTable } from '../output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --workspace, else the workspace of the credentials in use. */
export function workspaceOf(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (given) return given;
  if (env.CONSUMO_WORKSPACE_ID) return env.CONSUMO_WORKSPACE_ID;
  try {
    const file = JSON.parse(readFileSync(env.CONSUMO_CREDENTIALS_FILE || '.consumo/credentials.json', 'utf8')) as { workspace_id?: unknown };
    if (typeof file.workspace_id === 'string') return file.workspace_id;
  } catch {
    // No file: fall through to the usage error.
  }
  throw new UsageError('No workspace: pass --workspace <id>, or set CONSUMO_WORKSPACE_ID.');
}

/** What create and reset-password print: the password only when the server generated it (shown once). */
function printUser(user: { id: string; email: string; roles: string[]; password?: string }, json: boolean | undefined): void {
  if (json) return printJson(user);
  console.log(`user_id: ${user.id}`);
  console.log(`email: ${user.email}`);
  console.log(`roles: ${user.roles.join(', ') || '(none)'}`);
  if (user.password !== undefined) console.log(`password: ${user.password} (shown once)`);
}

export function registerUsersCommands(program: Command): void {
  const users = program
    .command('users')
    .description("create, list and delete a workspace's users (people who sign in to the console) and set their passwords (role platform-admin, or workspace-admin for its own workspace)");
  users
    .command('create <email>')
    .option('--workspace <id>', 'workspace id (default: the workspace of the credentials in use)')
    .option('--role <role>', 'a role to grant; repeat for several (none: no permissions)', collect, [])
    .option('--name <name>', "the name shown in the console (default: the e-mail's local part)")
    .option('--password <password>', 'at least 12 characters (default: generated and printed once)')
    .option('--json', 'print JSON')
    .action(async (email: string, opts: { workspace?: string; role: string[]; name?: string; password?: string; json?: boolean }) => {
      const created = unwrap(
        await connect().POST('/admin/v1/workspaces/{workspaceId}/users', {
          params: { path: { workspaceId: workspaceOf(opts.workspace) } },
          body: { email, roles: opts.role, ...(opts.name !== undefined && { name: opts.name }), ...(opts.password !== undefined && { password: opts.password }) },
        }),
      );
      printUser(created, opts.json);
    });
  users
    .command('list')
    .option('--workspace <id>', 'workspace id (default: the workspace of the credentials in use)')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace?: string; json?: boolean }) => {
      const page = unwrap(await connect().GET('/admin/v1/workspaces/{workspaceId}/users', { params: { path: { workspaceId: workspaceOf(opts.workspace) } } }));
      if (opts.json) printJson(page.items);
      else printTable(page.items, ['id', 'email', 'name', 'roles', 'createdAt']);
    });
  users
    .command('delete <userId>')
    .option('--workspace <id>', 'workspace id (default: the workspace of the credentials in use)')
    .action(async (userId: string, opts: { workspace?: string }) => {
      unwrap(await connect().DELETE('/admin/v1/workspaces/{workspaceId}/users/{userId}', { params: { path: { workspaceId: workspaceOf(opts.workspace), userId } } }));
      console.log(`deleted user ${userId}; their sessions have ended`);
    });
  users
    .command('reset-password <userId>')
    .option('--workspace <id>', 'workspace id (default: the workspace of the credentials in use)')
    .option('--password <password>', 'at least 12 characters (default: generated and printed once)')
    .option('--json', 'print JSON')
    .action(async (userId: string, opts: { workspace?: string; password?: string; json?: boolean }) => {
      const user = unwrap(
        await connect().POST('/admin/v1/workspaces/{workspaceId}/users/{userId}/password', {
          params: { path: { workspaceId: workspaceOf(opts.workspace), userId } },
          body: opts.password !== undefined ? { password: opts.password } : {},
        }),
      );
      printUser(user, opts.json);
      if (!opts.json) console.log('their sessions have ended');
    });
}
