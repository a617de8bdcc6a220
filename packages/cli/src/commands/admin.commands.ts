/** `consumo workspaces …`, `consumo clients …`, `consumo roles`: the administration API over HTTP. */
import type { Command } from 'commander';
import { unwrap } from '@consumo/sdk';
import { connect } from '../connection.js';
import { printJson, printTable } from '../output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerAdminCommands(program: Command): void {
  const workspaces = program.command('workspaces').description('create, list and delete workspaces (role platform-admin; workspace-admin lists and gets its own)');
  workspaces
    .command('create <name>')
    .option('--parent <workspaceId>', 'make it a tenant of this provider workspace (VMware Navigator organizations)')
    .option('--company <name>', 'company name')
    .option('--anniversary <YYYY-MM-DD>', "a tenant's anniversary billing date: its billing periods start on this day of the month")
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { parent?: string; company?: string; anniversary?: string; json?: boolean }) => {
      const body = {
        name,
        ...(opts.parent && { parentId: opts.parent }),
        ...(opts.company && { companyName: opts.company }),
        ...(opts.anniversary && { anniversaryBillingDate: opts.anniversary }),
      };
      const ws = unwrap(await connect().POST('/admin/v1/workspaces', { body }));
      if (opts.json) printJson(ws);
      else console.log(`workspace: ${ws.id}`);
    });
  workspaces
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const page = unwrap(await connect().GET('/admin/v1/workspaces', { params: { query: { limit: 500 } } }));
      if (opts.json) printJson(page.items);
      else printTable(page.items, ['id', 'name', 'parentId', 'createdAt']);
    });
  workspaces.command('delete <workspaceId>').action(async (workspaceId: string) => {
    unwrap(await connect().DELETE('/admin/v1/workspaces/{workspaceId}', { params: { path: { workspaceId } } }));
    console.log(`deleted workspace ${workspaceId}`);
  });

  const clients = program.command('clients').description("create, list and delete a workspace's API clients (role platform-admin, or workspace-admin for its own workspace)");
  clients
    .command('create')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--role <role>', 'a role to grant; repeat for several (none: no permissions)', collect, [])
    .option('--name <name>', 'client name', 'cli')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace: string; role: string[]; name: string; json?: boolean }) => {
      const created = unwrap(
        await connect().POST('/admin/v1/workspaces/{workspaceId}/api-clients', {
          params: { path: { workspaceId: opts.workspace } },
          body: { name: opts.name, roles: opts.role },
        }),
      );
      if (opts.json) printJson(created);
      else {
        console.log(`client_id: ${created.clientId}`);
        console.log(`client_secret: ${created.clientSecret}`);
        console.log(`roles: ${created.roles.join(', ') || '(none)'}`);
      }
    });
  clients
    .command('list')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace: string; json?: boolean }) => {
      const page = unwrap(
        await connect().GET('/admin/v1/workspaces/{workspaceId}/api-clients', { params: { path: { workspaceId: opts.workspace } } }),
      );
      if (opts.json) printJson(page.items);
      else printTable(page.items, ['clientId', 'name', 'roles', 'createdAt']);
    });
  clients
    .command('delete <clientId>')
    .requiredOption('--workspace <id>', 'workspace id')
    .action(async (clientId: string, opts: { workspace: string }) => {
      unwrap(
        await connect().DELETE('/admin/v1/workspaces/{workspaceId}/api-clients/{clientId}', {
          params: { path: { workspaceId: opts.workspace, clientId } },
        }),
      );
      console.log(`deleted client ${clientId}`);
    });

  const tokens = program.command('api-tokens').description("create, list and revoke a workspace's Navigator API tokens (role platform-admin, or workspace-admin for its own workspace)");
  tokens
    .command('create')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--role <role>', 'a role to grant; repeat for several', collect, [])
    .option('--name <name>', 'token name', 'cli')
    .option('--ttl-days <days>', 'days until it expires (default 180)')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace: string; role: string[]; name: string; ttlDays?: string; json?: boolean }) => {
      const created = unwrap(
        await connect().POST('/admin/v1/workspaces/{workspaceId}/api-tokens', {
          params: { path: { workspaceId: opts.workspace } },
          body: { name: opts.name, roles: opts.role, ...(opts.ttlDays !== undefined && { ttlDays: Number(opts.ttlDays) }) },
        }),
      );
      if (opts.json) printJson(created);
      else {
        console.log(`token: ${created.token}`);
        console.log(`id: ${created.id}`);
        console.log(`expires: ${created.expiresAt}`);
      }
    });
  tokens
    .command('list')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace: string; json?: boolean }) => {
      const page = unwrap(await connect().GET('/admin/v1/workspaces/{workspaceId}/api-tokens', { params: { path: { workspaceId: opts.workspace } } }));
      if (opts.json) printJson(page.items);
      else printTable(page.items, ['id', 'name', 'roles', 'expiresAt', 'revokedAt']);
    });
  tokens
    .command('revoke <tokenId>')
    .requiredOption('--workspace <id>', 'workspace id')
    .action(async (tokenId: string, opts: { workspace: string }) => {
      unwrap(await connect().DELETE('/admin/v1/workspaces/{workspaceId}/api-tokens/{tokenId}', { params: { path: { workspaceId: opts.workspace, tokenId } } }));
      console.log(`revoked API token ${tokenId}`);
    });

  program
    .command('roles')
    .description('list roles and their permissions')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const page = unwrap(await connect().GET('/admin/v1/roles'));
      if (opts.json) printJson(page.items);
      else printTable(page.items, ['name', 'permissions', 'description']);
    });
}
