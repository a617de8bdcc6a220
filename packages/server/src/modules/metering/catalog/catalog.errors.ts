/** The catalog's 404s and 409s, worded per object and carrying what a client needs to resolve them. */
import { ApiError, type Issue, notFound } from '../../../platform/errors/index.js';
import { isoUtcMillis } from '../../../platform/query/index.js';
import type { VersionRange } from './version-ranges.js';

const SOURCE = 'consumo.metering.catalog';

// What each kind of catalog object is called in messages.
export const BILLING_ACCOUNT = 'billing account';
export const RESOURCE = 'resource';
export const METER = 'meter';
export const PRICE = 'price for SKU';
export const CONTRACTED_PRICE = 'contracted price for SKU';
export const COMMITMENT = 'commitment';

/** A 404 for an object that is not in the caller's workspace (another workspace's objects included). */
export function catalogNotFound(what: string, id: string, context?: string): ApiError {
  return notFound(SOURCE, id, { message: `No ${what} '${id}'${context ? ` ${context}` : ''} in this workspace.` });
}

export function catalogConflict(message: string, metadata: Record<string, unknown>): ApiError {
  return new ApiError('CONFLICT', { message, details: [{ type: 'hpe.greenlake.metadata', source: SOURCE, metadata }] });
}

export const hasIssue = (issues: readonly Issue[], field: string) => issues.some((i) => i.subject === field);

/** The issue for a body field naming another catalog object that the workspace does not have. */
export function unknownReference(field: string, what: string, id: string): Issue {
  return { source: 'field', subject: field, description: `No ${what} '${id}' in this workspace.` };
}

const shownRange = (v: VersionRange) => ({ effectiveFrom: isoUtcMillis(v.from), effectiveTo: v.to === null ? null : isoUtcMillis(v.to) });

/** A 409 naming the existing version a new one would overlap; `of` says whose versions, e.g. "the price for SKU 'x'". */
export function versionOverlap(of: string, existing: VersionRange): ApiError {
  const range = shownRange(existing);
  const end = range.effectiveTo === null ? 'open-ended' : `until ${range.effectiveTo}`;
  return catalogConflict(
    `The new version of ${of} overlaps the version from ${range.effectiveFrom} (${end}); ` +
      'versions must not overlap: give an effectiveTo no later than the next version starts, or change that version first.',
    { overlappingVersion: range },
  );
}

export function versionNotFound(of: string, from: Date): ApiError {
  const at = isoUtcMillis(from);
  return new ApiError('NOT_FOUND', {
    message: `No version of ${of} starts at ${at}.`,
    details: [{ type: 'hpe.greenlake.metadata', source: SOURCE, metadata: { effectiveFrom: { message: `No version starts at ${at}` } } }],
  });
}
