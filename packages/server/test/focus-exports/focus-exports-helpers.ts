/** Shared helpers of the FOCUS export suites: a tenant allowed to manage exports, definitions and contents calls. */
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../support/test-app.js';

export const BASE = '/consumption-analytics/v1beta1/focus-exports';

export interface Tenant {
  workspaceId: string;
  clientId: string;
  token: string;
}

export async function exportsTenant(t: TestApp, name = 'exports'): Promise<Tenant> {
  return t.tenant(['exports-admin'], name);
}

export async function createExport(t: TestApp, tenant: Tenant, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
  const res = await t.call({ method: 'POST', url: BASE, token: tenant.token, payload: body });
  if (res.statusCode !== 201) throw new Error(`create export: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function contents(t: TestApp, tenant: Tenant, id: string, query: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.call({ method: 'GET', url: `${BASE}/${id}/contents?${query}`, token: tenant.token, headers });
}

/** CSV lines without the trailing empty one. */
export function lines(body: string): string[] {
  return body.split('\n').filter((l, i, all) => !(l === '' && i === all.length - 1));
}
