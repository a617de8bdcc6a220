/**
 * A VMware Cloud Partner Navigator provider with tenants, each with VMware-style services, a price
 * book (one committed SKU) and usage rated through the real ingest and rating path.
 */
import type { TestApp } from './test-app.js';
import { insertWorkspace } from '../../src/platform/tenancy/workspaces.repository.js';
import { newWorkspaceId } from '../../src/platform/tenancy/ids.js';
import { ingest, rateNow } from './metering-fixtures.js';

export const NAVIGATOR_ROLES = [
  'provider-administrator',
  'provider-operations-administrator',
  'provider-billing-user',
  'customer-administrator',
  'customer-billing-user',
  'customer-user',
] as const;

export const VMC = 'VMware Cloud on AWS';
export const LOGS = 'VMware Log Intelligence';
export const ACCOUNT = 'BA-VMW';

export interface Org {
  workspaceId: string;
  name: string;
  /** A client's token per role (and `metering` for ingest). */
  tokens: Record<string, string>;
}

async function clientToken(t: TestApp, workspaceId: string, roles: string[], name: string): Promise<string> {
  const res = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${workspaceId}/api-clients`, payload: { name, roles } });
  if (res.statusCode !== 201) throw new Error(`client: ${res.body}`);
  const { clientId, clientSecret } = res.json() as { clientId: string; clientSecret: string };
  return t.token(clientId, clientSecret);
}

export async function addOrg(t: TestApp, name: string, options: { parentId?: string; abd?: string; roles: readonly string[] }): Promise<Org> {
  const workspaceId = newWorkspaceId();
  await insertWorkspace(t.db, { id: workspaceId, name, parent_id: options.parentId ?? null, company_name: `${name} Inc.`, anniversary_billing_date: options.abd ?? null });
  const tokens: Record<string, string> = {};
  for (const role of [...options.roles, 'metering']) {
    tokens[role] = await clientToken(t, workspaceId, role === 'metering' ? ['metering-admin'] : [role], `${name} ${role}`);
  }
  return { workspaceId, name, tokens };
}

/** Two services in two regions, priced per hour and per GB; `commitHours` commits the host SKU per day. */
export async function addCatalog(t: TestApp, workspaceId: string, options: { commitHours?: string; withLogs?: boolean } = {}): Promise<void> {
  const now = new Date(t.now());
  const since = new Date('2020-01-01T00:00:00Z');
  await t.db.insertInto('billing_accounts').values({ workspace_id: workspaceId, id: ACCOUNT, name: 'VMware billing', currency: 'USD' }).execute();
  const resource = (id: string, service: string, region: string, category: string) => ({
    workspace_id: workspaceId, id, billing_account_id: ACCOUNT, name: id, resource_type: 'Host', service_name: service, service_category: category,
    region_id: region, region_name: region, tags: JSON.stringify({}), created_at: now, updated_at: now,
  });
  await t.db.insertInto('metering_resources').values([
    resource('host-1', VMC, 'us-west-2', 'Compute'),
    resource('host-2', VMC, 'eu-central-1', 'Compute'),
    ...(options.withLogs === false ? [] : [resource('logs-1', LOGS, 'us-west-2', 'Management and Governance')]),
  ]).execute();
  await t.db.insertInto('meters').values([
    { workspace_id: workspaceId, id: 'host-hours', event_type: 'com.vmware.host.hours', value_property: '$.hours', aggregation: 'SUM', consumed_unit: 'Hours', created_at: now, updated_at: now },
    { workspace_id: workspaceId, id: 'ingest-gb', event_type: 'com.vmware.logs.gb', value_property: '$.gb', aggregation: 'SUM', consumed_unit: 'GB', created_at: now, updated_at: now },
  ]).execute();
  const price = (sku: string, meter: string, unit: string, listPrice: string, description: string) => ({
    workspace_id: workspaceId, sku_id: sku, effective_from: since, meter_id: meter, charge_description: description, publisher_name: 'VMware',
    provider_name: 'VMware', invoice_issuer_name: 'VMware', pricing_unit: unit, pricing_quantity_divisor: '1', list_unit_price: listPrice,
    currency: 'USD', bands: null, created_at: now, updated_at: now,
  });
  await t.db.insertInto('prices').values([
    price('VMC-AWS-I3-HOST-OD', 'host-hours', 'Hours', '8.3681', 'VMC on AWS i3 host, on demand'),
    price('LINT-GB-INGEST', 'ingest-gb', 'GB', '0.1275', 'Log Intelligence ingestion'),
  ]).execute();
  if (options.commitHours) {
    await t.db.insertInto('commitments').values({
      workspace_id: workspaceId, id: 'commit-hosts', billing_account_id: ACCOUNT, sku_id: 'VMC-AWS-I3-HOST-OD',
      committed_quantity: options.commitHours, minimum_quantity: '0', effective_from: since, effective_to: null, created_at: now, updated_at: now,
    }).execute();
  }
}

/** Usage on each of `days` (UTC midnights): host hours on both hosts, GB on the log service; varied, with decimals. */
export async function addUsage(t: TestApp, org: Org, days: readonly Date[], options: { withLogs?: boolean } = {}): Promise<void> {
  const events: Record<string, unknown>[] = [];
  days.forEach((day, i) => {
    const at = new Date(day.getTime() + 3_600_000).toISOString();
    events.push({ specversion: '1.0', id: `h1-${i}`, source: 'urn:test', type: 'com.vmware.host.hours', subject: 'host-1', time: at, data: { hours: 20 + (i % 7) } });
    events.push({ specversion: '1.0', id: `h2-${i}`, source: 'urn:test', type: 'com.vmware.host.hours', subject: 'host-2', time: at, data: { hours: (i % 3) * 4.5 } });
    if (options.withLogs !== false) events.push({ specversion: '1.0', id: `l-${i}`, source: 'urn:test', type: 'com.vmware.logs.gb', subject: 'logs-1', time: at, data: { gb: `${(i * 1.37).toFixed(2)}` } });
  });
  for (let i = 0; i < events.length; i += 500) {
    const res = await ingest(t, events.slice(i, i + 500), { token: org.tokens.metering! });
    if (res.statusCode !== 200 && res.statusCode !== 202) throw new Error(`ingest: ${res.statusCode} ${res.body}`);
  }
  await rateNow(t);
}
