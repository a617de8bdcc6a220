/** FOCUS export definitions: id normalisation, create/patch validation (RFC 7396 merge patch), and the ExportConfig DTO. */
import { randomUUID } from 'node:crypto';
import type { Db, FocusExportsTable } from '../../storage/database.js';
import { parseUuid } from '../../platform/formats/index.js';
import { badRequest } from '../../platform/errors/index.js';
import { datasetProfileProblem } from './contract-commitment-profile.js';
import { validateFilter } from './export-filter.fields.js';
import type { FocusExportDataset, FocusExportProfile } from './focus-exports.enums.js';
import { exportNotFound, invalidExportId } from './focus-exports.errors.js';
import * as repo from './focus-exports.repository.js';
import type { ExportConfigDto } from './focus-exports.schemas.js';

export interface Actor {
  workspaceId: string;
  clientId: string;
}

/** A UUID in any case, with or without hyphens → its canonical lower-case hyphenated form. */
export function normalizeId(text: string): string {
  const id = parseUuid(text, 'anyHyphens');
  if (!id) throw invalidExportId();
  return id;
}

/** GreenLake's UserEvent time: UTC with milliseconds and no zone, `2025-09-11T17:59:16.945`. */
export function userEventTime(date: Date): string {
  return date.toISOString().slice(0, 23);
}

export function toDto(row: repo.FocusExportRow): ExportConfigDto {
  return {
    id: row.id,
    name: row.name,
    filter: row.filter as ExportConfigDto['filter'],
    created: { id: row.created_by_id, name: row.created_by_name, time: userEventTime(row.created_at) },
    lastUpdated: { id: row.updated_by_id, name: row.updated_by_name, time: userEventTime(row.updated_at) },
    lastRun:
      row.last_run_at && row.last_run_by_id
        ? { id: row.last_run_by_id, name: row.last_run_by_name ?? row.last_run_by_id, time: userEventTime(row.last_run_at) }
        : null,
    profile: row.profile,
    dataset: row.dataset,
    format: row.format,
    compression: row.compression,
    schedule: row.schedule,
  };
}

export async function listExports(db: Db, workspaceId: string) {
  const items = (await repo.listExports(db, workspaceId)).map(toDto);
  return { offset: 0, count: items.length, total: items.length, items };
}

export async function loadExport(db: Db, workspaceId: string, rawId: string): Promise<repo.FocusExportRow> {
  const row = await repo.findExport(db, workspaceId, normalizeId(rawId));
  if (!row) throw exportNotFound();
  return row;
}

export async function getExport(db: Db, workspaceId: string, rawId: string): Promise<ExportConfigDto> {
  return toDto(await loadExport(db, workspaceId, rawId));
}

export interface CreateInput {
  name: string;
  filter?: unknown;
  profile?: FocusExportsTable['profile'];
  dataset?: FocusExportDataset;
  format?: FocusExportsTable['format'];
  compression?: FocusExportsTable['compression'];
  schedule?: FocusExportsTable['schedule'];
}

/** A dataset's profile when none is given: ContractCommitment exists in focus-1.3 only. */
function defaultProfile(dataset: FocusExportDataset): FocusExportProfile {
  return dataset === 'ContractCommitment' ? 'focus-1.3' : 'greenlake';
}

/** The 400 for a profile that does not write the dataset, naming the field the request set. */
function checkPair(profile: FocusExportProfile, dataset: FocusExportDataset, subject: 'dataset' | 'profile'): void {
  const problem = datasetProfileProblem(profile, dataset);
  if (problem) throw badRequest([{ source: 'field', subject, description: problem }]);
}

export async function createExport(db: Db, actor: Actor, body: CreateInput, now: Date): Promise<ExportConfigDto> {
  const dataset = body.dataset ?? 'CostAndUsage';
  const profile = body.profile ?? defaultProfile(dataset);
  checkPair(profile, dataset, 'dataset');
  const filter = validateFilter(body.filter ?? [], 'filter', dataset);
  const name = await repo.clientName(db, actor.clientId);
  const row = {
    workspace_id: actor.workspaceId,
    id: randomUUID(),
    name: body.name,
    filter: JSON.stringify(filter),
    profile,
    dataset,
    format: body.format ?? 'csv',
    compression: body.compression ?? 'none',
    schedule: body.schedule ?? null,
    created_by_id: actor.clientId,
    created_by_name: name,
    created_at: now,
    updated_by_id: actor.clientId,
    updated_by_name: name,
    updated_at: now,
    last_run_by_id: null,
    last_run_by_name: null,
    last_run_at: null,
  };
  await repo.insertExport(db, row);
  return toDto((await repo.findExport(db, actor.workspaceId, row.id))!);
}

export type PatchInput = { [K in keyof CreateInput]?: CreateInput[K] | null };

/**
 * RFC 7396: an absent field stays, null resets an optional field to its default (the schema refuses
 * a null name; a null profile is the dataset's default). The result must stay a consistent pair of
 * profile and dataset, and its filter must name columns of its dataset: checked against the row
 * locked for the change, so that two patches cannot make an inconsistent pair between them.
 */
export async function patchExport(db: Db, actor: Actor, rawId: string, body: PatchInput, now: Date): Promise<ExportConfigDto> {
  const id = normalizeId(rawId);
  const updated = await db.transaction().execute(async (trx) => {
    const current = await repo.findExport(trx, actor.workspaceId, id, { forUpdate: true });
    if (!current) throw exportNotFound();
    const changes: repo.ExportChanges = {};
    const dataset = body.dataset === undefined ? current.dataset : (body.dataset ?? 'CostAndUsage');
    const profile = body.profile === undefined ? current.profile : (body.profile ?? defaultProfile(dataset));
    checkPair(profile, dataset, body.dataset !== undefined ? 'dataset' : 'profile');
    if (body.name !== undefined && body.name !== null) changes.name = body.name;
    if (body.filter !== undefined) changes.filter = JSON.stringify(body.filter === null ? [] : validateFilter(body.filter, 'filter', dataset));
    // A dataset that changes under a kept filter: the filter must name the new dataset's columns.
    else if (dataset !== current.dataset) validateFilter(current.filter, 'filter', dataset);
    if (body.profile !== undefined) changes.profile = profile;
    if (body.dataset !== undefined) changes.dataset = dataset;
    if (body.format !== undefined) changes.format = body.format ?? 'csv';
    if (body.compression !== undefined) changes.compression = body.compression ?? 'none';
    if (body.schedule !== undefined) changes.schedule = body.schedule;
    changes.updated_by_id = actor.clientId;
    changes.updated_by_name = await repo.clientName(trx, actor.clientId);
    changes.updated_at = now;
    return repo.updateExport(trx, actor.workspaceId, id, changes);
  });
  if (!updated) throw exportNotFound();
  return toDto((await repo.findExport(db, actor.workspaceId, id))!);
}

export async function deleteExport(db: Db, workspaceId: string, rawId: string): Promise<void> {
  if (!(await repo.deleteExport(db, workspaceId, normalizeId(rawId)))) throw exportNotFound();
}
