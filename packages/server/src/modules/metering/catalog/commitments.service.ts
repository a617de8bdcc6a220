/** Commitment rules: the account must exist, and commitments of one account and SKU must not overlap in time. */
// Rating bills max(actual, committed, minimum) per day; with one commitment at a time that is unambiguous.
import type { Db } from '../../../storage/database.js';
import { badRequest } from '../../../platform/errors/index.js';
import { isoUtcMillis } from '../../../platform/query/index.js';
import { BodyReader } from './body-reader.js';
import { COMMITMENT, catalogConflict } from './catalog.errors.js';
import { lockCatalogKey } from '../../../storage/advisory-locks.js';
import { billingAccountReference, crudService, effectiveRange, lockReference, timestamps } from './catalog-crud.service.js';
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
    ...effectiveRange(row),
    ...timestamps(row),
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

async function putCommitment(db: Db, workspaceId: string, id: string, body: unknown, now: Date) {
  const { input, issues } = readCommitment(body);
  return db.transaction().execute(async (trx) => {
    await lockReference(trx, workspaceId, billingAccountReference, input.billingAccountId, issues);
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
}

export const commitments = crudService({ table: 'commitments', what: COMMITMENT, list: commitmentList, dto }, { put: putCommitment });
