/**
 * The billing API's query parameters, read by hand so each refusal is a CSP 400 that names the
 * parameter: epoch times in seconds or milliseconds (a value above 1e12 is milliseconds, as
 * Navigator's own CSV example sends), booleans as `true`/`false`, organization ids in either form,
 * service definition ids as a comma list.
 */
import { readWorkspaceId } from '../../../platform/tenancy/ids.js';
import { parseUuid } from '../../../platform/formats/index.js';
import { cspBadRequest } from '../csp-errors.js';

export type BillingQuery = Record<string, string | string[] | undefined>;

/** Epoch values above this are milliseconds. */
const MS_THRESHOLD = 1e12;
/** Year 9999's last millisecond: the latest instant a date can name. */
const MAX_MS = 253_402_300_799_999;

function one(query: BillingQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw cspBadRequest(`Query parameter ${name} takes one value; it was given ${value.length}.`);
  return value === '' ? undefined : value;
}

/** An epoch time in seconds or milliseconds → milliseconds. */
export function epochMs(query: BillingQuery, name: string): number | undefined {
  const text = one(query, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,16}$/.test(text)) throw cspBadRequest(`Query parameter ${name} must be a UNIX epoch time in seconds or milliseconds; got '${text.slice(0, 40)}'.`);
  const value = Number(text);
  const ms = value > MS_THRESHOLD ? value : value * 1000;
  if (ms > MAX_MS) throw cspBadRequest(`Query parameter ${name} is past the year 9999.`);
  return ms;
}

export function flag(query: BillingQuery, name: string): boolean | undefined {
  const text = one(query, name);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw cspBadRequest(`Query parameter ${name} must be true or false; got '${text.slice(0, 40)}'.`);
  return lower === 'true';
}

export function orgIdParam(query: BillingQuery, name: string): string | undefined {
  const text = one(query, name);
  if (text === undefined) return undefined;
  const id = readWorkspaceId(text);
  if (!id) throw cspBadRequest(`Query parameter ${name} must be an organization id (a UUID); got '${text.slice(0, 40)}'.`);
  return id;
}

/** The organization id a parameter names, or undefined when it is absent or malformed (`orgIdParam` refuses those). */
export function orgIdIfValid(query: BillingQuery, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? readWorkspaceId(value) : undefined;
}

/** `serviceIds`: service definition ids, comma-separated (or the parameter repeated). */
export function serviceIdsParam(query: BillingQuery): string[] | undefined {
  const value = query.serviceIds;
  if (value === undefined || value === '') return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (parts.length > 100) throw cspBadRequest('Query parameter serviceIds takes at most 100 ids.');
  return parts.map((part) => {
    const id = parseUuid(part);
    if (!id) throw cspBadRequest(`serviceIds: '${part.slice(0, 40)}' is not a service definition id (a UUID).`);
    return id;
  });
}
