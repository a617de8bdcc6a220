/**
 * `consumo exports create|update|delete`: FOCUS export definitions over HTTP (POST, PATCH as a JSON
 * merge patch, DELETE). The server checks every field and names each bad one; a 400 or 404 becomes
 * a UsageError (exit 2) that repeats those names.
 */
import { readFileSync } from 'node:fs';
import { type ConsumoClient, type paths } from '@consumo/sdk';
import { call } from '../api-retry.js';
import { UsageError } from '../connection.js';

const BASE = '/consumption-analytics/v1beta1/focus-exports';

type CreateBody = paths[typeof BASE]['post']['requestBody']['content']['application/json'];
type PatchBody = paths[`${typeof BASE}/{id}`]['patch']['requestBody']['content']['application/json'];
export type ExportDefinition = paths[`${typeof BASE}/{id}`]['get']['responses'][200]['content']['application/json'];

/** The options create and update share; each given one becomes a field of the body. */
export interface DefinitionOpts {
  name?: string;
  profile?: string;
  dataset?: string;
  format?: string;
  compression?: string;
  /** A schedule name, or `none` for no schedule. */
  schedule?: string;
  /** A JSON list of ReportFieldCriteria, or `@FILE` holding one. */
  filter?: string;
}

/** `--filter` as the list it names: inline JSON or `@FILE`; anything else is a UsageError before a request is sent. */
export function parseFilterOption(text: string): unknown[] {
  let json = text;
  if (text.startsWith('@')) {
    try {
      json = readFileSync(text.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(`--filter ${text}: cannot read ${text.slice(1)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new UsageError(`--filter must be a JSON list of criteria, e.g. '[{"name":"ServiceName","operator":"EQ","values":["VM"]}]' (${(err as Error).message})`);
  }
  if (!Array.isArray(value)) throw new UsageError('--filter must be a JSON list of criteria ([{"name": …, "operator": …, "values": […]}])');
  return value;
}

/** The fields the options give, as a body (the server checks their values). */
export function definitionFields(o: DefinitionOpts): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (o.name !== undefined) body.name = o.name;
  if (o.profile !== undefined) body.profile = o.profile;
  if (o.dataset !== undefined) body.dataset = o.dataset;
  if (o.format !== undefined) body.format = o.format;
  if (o.compression !== undefined) body.compression = o.compression;
  if (o.schedule !== undefined) body.schedule = o.schedule.toLowerCase() === 'none' ? null : o.schedule;
  if (o.filter !== undefined) body.filter = parseFilterOption(o.filter);
  return body;
}

/** The `issues` of a GreenLake 400 as `subject: description`, joined. */
export function issuesOf(body: unknown): string | undefined {
  const details = (body as { errorDetails?: { issues?: { subject?: string; description?: string }[] }[] } | undefined)?.errorDetails;
  const issues = (details ?? []).flatMap((d) => d.issues ?? []);
  return issues.length ? issues.map((i) => `${i.subject ?? '?'}: ${i.description ?? ''}`).join('; ') : undefined;
}

/** A 400 or 404 as a UsageError naming what the server objected to; other answers are left to `call`. */
function refuseClearly<R extends { response: Response; error?: unknown }>(id: string | undefined, res: R): R {
  const status = res.response.status;
  if (status === 404) throw new UsageError(`no export ${id} in this workspace`);
  if (status === 400) throw new UsageError(`the server refused the definition: ${issuesOf(res.error) ?? res.response.statusText}`);
  return res;
}

export async function createDefinition(client: ConsumoClient, o: DefinitionOpts): Promise<ExportDefinition> {
  if (o.name === undefined) throw new UsageError('give the definition a name: --name NAME');
  const body = definitionFields(o) as CreateBody;
  return call(() => client.POST(BASE, { body }).then((res) => refuseClearly(undefined, res)));
}

export async function updateDefinition(client: ConsumoClient, id: string, o: DefinitionOpts): Promise<ExportDefinition> {
  const body = definitionFields(o) as PatchBody;
  if (Object.keys(body).length === 0) {
    throw new UsageError('nothing to change: give at least one of --name, --profile, --dataset, --format, --compression, --schedule, --filter');
  }
  return call(() =>
    client
      .PATCH(`${BASE}/{id}`, { params: { path: { id } }, body })
      .then((res) => refuseClearly(id, res)),
  );
}

export async function deleteDefinition(client: ConsumoClient, id: string): Promise<void> {
  await call(() => client.DELETE(`${BASE}/{id}`, { params: { path: { id } } }).then((res) => refuseClearly(id, res)));
}
