/**
 * What every catalog object kept in one id-keyed table answers alike — GET, the filtered list, a DELETE
 * with no rules of its own — around the PUT (and DELETE) rules each object keeps in its own service.
 */
import type { Db, Executor } from '../../../storage/database.js';
import type { Issue } from '../../../platform/errors/index.js';
import { isoUtcMillis, page, parseListQuery, project, type ListParams, type ListSpec, type Page } from '../../../platform/query/index.js';
import { BILLING_ACCOUNT, METER, catalogNotFound, hasIssue, unknownReference } from './catalog.errors.js';
import { type IdKeyedRow, type IdKeyedTable, findById, listPage, lockById, removeById } from './catalog-rows.repository.js';

/** The four operations the plain catalog routes call. */
export interface CrudService<Item> {
  put(db: Db, workspaceId: string, id: string, body: unknown, now: Date): Promise<{ created: boolean; item: Item }>;
  get(db: Db, workspaceId: string, id: string): Promise<Item>;
  delete(db: Db, workspaceId: string, id: string): Promise<void>;
  list(db: Db, workspaceId: string, params: ListParams): Promise<Page<Item>>;
}

export interface IdKeyedKind<T extends IdKeyedTable, Item> {
  table: T;
  /** What messages call one (catalog.errors.ts). */
  what: string;
  list: ListSpec;
  dto(row: IdKeyedRow<T>): Item;
}

export interface OwnRules<T extends IdKeyedTable> {
  /** Reads and checks the body, then writes the row; `inserted` tells a create from a replace. */
  put(db: Db, workspaceId: string, id: string, body: unknown, now: Date): Promise<IdKeyedRow<T> & { inserted: boolean }>;
  /** Without it, DELETE removes the row or answers 404. */
  delete?(db: Db, workspaceId: string, id: string): Promise<void>;
}

export function crudService<T extends IdKeyedTable, Item extends object>(kind: IdKeyedKind<T, Item>, own: OwnRules<T>): CrudService<Item> {
  const { table, what, dto } = kind;
  return {
    async put(db, workspaceId, id, body, now) {
      const row = await own.put(db, workspaceId, id, body, now);
      return { created: row.inserted, item: dto(row) };
    },
    async get(db, workspaceId, id) {
      const row = await findById(db, table, workspaceId, id);
      if (!row) throw catalogNotFound(what, id);
      return dto(row);
    },
    delete:
      own.delete ??
      (async (db, workspaceId, id) => {
        if (!(await removeById(db, table, workspaceId, id))) throw catalogNotFound(what, id);
      }),
    async list(db, workspaceId, params) {
      const list = parseListQuery(params, kind.list);
      const { rows, total } = await listPage(db, table, workspaceId, list);
      return page(
        rows.map((r) => project(dto(r), list.selected)),
        list.offset,
        total,
      );
    },
  };
}

/** createdAt and updatedAt, as every catalog object answers them. */
export function timestamps(row: { created_at: Date; updated_at: Date }) {
  return { createdAt: isoUtcMillis(row.created_at), updatedAt: isoUtcMillis(row.updated_at) };
}

/** effectiveFrom, and effectiveTo unless open-ended, as every versioned catalog object answers them. */
export function effectiveRange(row: { effective_from: Date; effective_to: Date | null }) {
  return {
    effectiveFrom: isoUtcMillis(row.effective_from),
    ...(row.effective_to !== null && { effectiveTo: isoUtcMillis(row.effective_to) }),
  };
}

/** A body field naming another catalog object: the table that keeps it and what messages call it. */
export interface Reference {
  field: string;
  table: IdKeyedTable;
  what: string;
}

export const billingAccountReference: Reference = { field: 'billingAccountId', table: 'billing_accounts', what: BILLING_ACCOUNT };
export const meterReference: Reference = { field: 'meterId', table: 'meters', what: METER };

/**
 * Resolves a reference of a body that is otherwise well-formed there: the shared row lock keeps the
 * named object from being deleted until the write commits; an object the workspace lacks becomes
 * the field's issue, reported with the body's others.
 */
export async function lockReference(trx: Executor, workspaceId: string, ref: Reference, id: string, issues: Issue[]): Promise<void> {
  if (!hasIssue(issues, ref.field) && !(await lockById(trx, ref.table, workspaceId, id, 'share'))) issues.push(unknownReference(ref.field, ref.what, id));
}
