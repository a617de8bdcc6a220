/** Commitment rules: the account must exist, and commitments of one account and SKU must not overlap in time. */
// Rating bills max(actual, committed, minimum) per day; with one commitment at a time that is unambiguous.
import type { Db } from '../../../storage/database.js';
import { badRequest } from '../../../platform/errors/index.js';
import { isoUtcMillis, page, parseListQuery, project, type ListParams, type Page } from '../../../platform/query/index.js';
import * as accounts from './billing-accounts.repository.js';
import { BodyReader } from './body-reader.js';
import { BILLING_ACCOUNT, COMMITMENT, catalogConflict, catalogNotFound, hasIssue, unknownReference } from './catalog.errors.js';
import { lockCatalogKey } from '../../../storage/advisory-locks.js';
import { listPage } from './catalog-page.repository.js';
import { commitmentList } from './commitments.fields.js';
import * as repo from './commitments.repository.js';
import { COMMITMENT_FIELDS, type CommitmentDto, type CommitmentInput } from './commitments.schemas.js';
import { rangesOverlap } from './version-ranges.js';

function dto(row: repo.CommitmentRow): CommitmentDto {
  return {
    id: row.id,
    billingAccountId: row.billing_account_id,
    skuId: row.sku_id,
    committedQuantity: row.committed_quantity,
    minimumQuantity: row.minimum_quantity,
    effectiveFrom: isoUtcMillis(row.effective_from),
    ...(row.effective_to !== null && { effectiveTo: isoUtcMillis(row.effective_to) }),
    createdAt: isoUtcMillis(row.created_at),
    updatedAt: isoUtcMillis(row.updated_at),
  };
}

export function readCommitment(body: unknown) {
  const r = new BodyReader(body, COMMITMENT_FIELDS);
  const billingAccountId = r.id('billingAccountId');
  const skuId = r.id('skuId');
  const committedQuantity = r.decimal('committedQuantity', { fallback: '0' });
  const minimumQuantity = r.decimal('minimumQuantity', { fallback: '0' });
  const { from, to } = r.range();
  const input: CommitmentInput = { billingAccountId, skuId, committedQuantity, minimumQuantity, effectiveFrom: from, effectiveTo: to };
  return { input, issues: r.issues };
}

export async function putCommitment(db: Db, workspaceId: string, id: string, body: unknown, now: Date) {
  const { input, issues } = readCommitment(body);
  const row = await db.transaction().execute(async (trx) => {
    if (!hasIssue(issues, 'billingAccountId') && !(await accounts.lockShared(trx, workspaceId, input.billingAccountId))) {
      issues.push(unknownReference('billingAccountId', BILLING_ACCOUNT, input.billingAccountId));
    }
    if (issues.length) throw badRequest(issues);
    await lockCatalogKey(trx, 'commitments', workspaceId, input.billingAccountId, input.skuId);
    const incoming = { from: input.effectiveFrom, to: input.effectiveTo };
    const clash = (await repo.siblings(trx, workspaceId, input, id)).find((c) => rangesOverlap({ from: c.effective_from, to: c.effective_to }, incoming));
    if (clash) {
      throw catalogConflict(
        `Commitment '${clash.id}' already commits billing account '${input.billingAccountId}' to SKU '${input.skuId}' from ` +
          `${isoUtcMillis(clash.effective_from)}${clash.effective_to ? ` until ${isoUtcMillis(clash.effective_to)}` : ' (open-ended)'}; ` +
          'commitments of one account and SKU must not overlap.',
        { commitmentId: clash.id },
      );
    }
    return repo.upsert(trx, workspaceId, id, input, now);
  });
  const { inserted, ...commitment } = row;
  return { created: inserted, item: dto(commitment) };
}

export async function getCommitment(db: Db, workspaceId: string, id: string): Promise<CommitmentDto> {
  const row = await repo.find(db, workspaceId, id);
  if (!row) throw catalogNotFound(COMMITMENT, id);
  return dto(row);
}

export async function deleteCommitment(db: Db, workspaceId: string, id: string): Promise<void> {
  if (!(await repo.remove(db, workspaceId, id))) throw catalogNotFound(COMMITMENT, id);
}

export async function listCommitments(db: Db, workspaceId: string, params: ListParams): Promise<Page<CommitmentDto>> {
  const list = parseListQuery(params, commitmentList);
  const { rows, total } = await listPage(db, 'commitments', workspaceId, list);
  return page(
    rows.map((r) => project(dto(r), list.selected)),
    list.offset,
    total,
  );
}
