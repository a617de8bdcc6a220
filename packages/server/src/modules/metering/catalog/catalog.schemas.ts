/** The building blocks every catalog schema shares: ids, decimals, currencies, times, list and path parameters. */
import { Type } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../../platform/query/index.js';

/**
 * Catalog ids (billing accounts, resources, meters, SKUs, commitments) are chosen by the client:
 * 1–256 characters of letters, digits and `. _ : @ / -`, compared case-sensitively. In a path they
 * are percent-encoded (a `/` as `%2F`) and checked after decoding; `.` and `..` alone are refused
 * because URL normalisation would turn them into other paths.
 */
export const ID_PATTERN = '^(?!\\.{1,2}$)[A-Za-z0-9._:@/-]{1,256}$';
export const ID_RULE = '1 to 256 letters, digits and . _ : @ / - (not "." or ".." alone)';

export const NON_NEGATIVE_DECIMAL_PATTERN = '^\\d+(\\.\\d+)?$';
/** Far beyond any price or quantity, short enough that a numeric column never sees a megabyte of digits. */
export const MAX_DECIMAL_LENGTH = 64;
/** Digits after and before the point: what DECIMAL(38, 15), the exports' Parquet type, holds exactly. */
export const MAX_DECIMAL_SCALE = 15;
export const MAX_DECIMAL_INTEGER_DIGITS = 23;
export const CURRENCY_PATTERN = '^[A-Z]{3}$';
/** Names, units and codes; descriptions get more room. */
export const MAX_TEXT_LENGTH = 256;
export const MAX_DESCRIPTION_LENGTH = 1024;

export const catalogId = (description: string) => Type.String({ pattern: ID_PATTERN, minLength: 1, maxLength: 256, description });

export const decimalString = (description: string, examples: string[] = ['0.9']) =>
  Type.String({ pattern: NON_NEGATIVE_DECIMAL_PATTERN, maxLength: MAX_DECIMAL_LENGTH, description, examples });

export const currency = (description: string) =>
  Type.String({ pattern: CURRENCY_PATTERN, description: `${description} ISO 4217, three upper-case letters.`, examples: ['USD'] });

export const dateTime = (description: string) =>
  Type.String({ format: 'date-time', description: `${description} RFC 3339; answered in UTC with milliseconds.`, examples: ['2026-04-01T00:00:00.000Z'] });

export const text = (description: string, maxLength = MAX_TEXT_LENGTH) => Type.String({ minLength: 1, maxLength, description });

/** createdAt and updatedAt of an answered object, named as its descriptions call it: `the meter`, `this version`. */
export const timestampProperties = (what: string, changedNote = '') => ({
  createdAt: dateTime(`When ${what} was created.`),
  updatedAt: dateTime(`When ${what} last changed${changedNote}.`),
});

/** The half-open range a versioned object is in force, in a PUT body (`keyNote` says when versions are keyed by its start). */
export const effectiveRangeBody = (what: string, keyNote = '') => ({
  effectiveFrom: dateTime(`Start of ${what} (inclusive)${keyNote}.`),
  effectiveTo: Type.Optional(dateTime(`End of ${what} (exclusive), after effectiveFrom; absent: open-ended.`)),
});

/** The same range in the object answered. */
export const effectiveRangeProperties = (what: string) => ({
  effectiveFrom: dateTime(`Start of ${what} (inclusive).`),
  effectiveTo: Type.Optional(dateTime(`End of ${what} (exclusive); absent: open-ended.`)),
});

/** What prices and contracted prices, versioned alike, say of one version. */
export const versionRangeBody = () => effectiveRangeBody('this version', '; versions are keyed by it');
export const versionTimestamps = () => timestampProperties('this version', ' (also when a later version closed it)');

export const IdParams = Type.Object({ id: catalogId('The id (percent-encoded in the path).') });
export const SkuParams = Type.Object({ skuId: catalogId('The SKU id (percent-encoded in the path).') });
export const AccountSkuParams = Type.Object({
  id: catalogId('The billing account id (percent-encoded in the path).'),
  skuId: catalogId('The SKU id (percent-encoded in the path).'),
});

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export const ListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ description: "Filter expression, e.g. `currency eq 'USD'`." })),
    sort: listParameter('Comma list of `field [asc|desc]`.'),
    select: listParameter('Comma list of the fields to return.'),
    ...pagingQuery({ defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT }),
  },
  { additionalProperties: false },
);

export const VersionsQuery = Type.Object(pagingQuery({ defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT }), { additionalProperties: false });

export const DeleteVersionQuery = Type.Object(
  {
    effectiveFrom: Type.Optional(
      Type.String({ format: 'date-time', description: 'Remove only the version starting at this time; without it every version goes.' }),
    ),
  },
  { additionalProperties: false },
);

export const Deleted = Type.Null({ description: 'Deleted.' });
