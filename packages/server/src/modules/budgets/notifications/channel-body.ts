/**
 * Reads a notification channel body — a create, a replace, or a merge patch applied to the channel
 * — into what is stored, naming every bad field in one 400 (GreenLake `errorDetails`).
 */
import { type Issue, badRequest } from '../../../platform/errors/index.js';
import { NOTIFICATION_CHANNEL_KINDS, type NotificationChannelKind } from './notifications.enums.js';
import { MAX_ADDRESS_LENGTH, MAX_NAME_LENGTH, MAX_RECIPIENTS, MAX_URL_LENGTH } from './notification-channels.schemas.js';

export interface ChannelInput {
  kind: NotificationChannelKind;
  name: string;
  /** WEBHOOK: the URL; EMAIL: null. */
  url: string | null;
  /** EMAIL: the addresses; WEBHOOK: none. */
  recipients: string[];
  enabled: boolean;
}

const FIELDS = ['kind', 'name', 'url', 'recipients', 'enabled'];
// An addr-spec without comments, quotes or display names: what an SMTP RCPT TO takes as written.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function webhookUrl(value: string): string | undefined {
  if (value.length > MAX_URL_LENGTH) return `Must be at most ${MAX_URL_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Must be an absolute http or https URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Must be an absolute http or https URL.';
  if (url.username || url.password) return 'Must not hold credentials; the signature authenticates Consumo to the receiver.';
  return undefined;
}

/**
 * A whole channel from `body`. `kind`, when the channel exists, is its kind: a body naming another
 * one is refused (a webhook's signing secret has no e-mail counterpart; create a new channel).
 */
export function readChannelBody(body: unknown, existingKind?: NotificationChannelKind): ChannelInput {
  if (!isObject(body)) throw badRequest([{ source: 'field', subject: 'body', description: 'Must be a JSON object.' }]);
  const issues: Issue[] = [];
  const fail = (subject: string, description: string) => issues.push({ source: 'field', subject, description });
  for (const key of Object.keys(body)) if (!FIELDS.includes(key)) fail(key, 'Unknown property.');
  const given = (key: string) => body[key] !== undefined && body[key] !== null;

  let kind = existingKind;
  if (!given('kind')) {
    if (!existingKind) fail('kind', 'Required parameter is missing.');
  } else if (typeof body.kind !== 'string' || !(NOTIFICATION_CHANNEL_KINDS as readonly string[]).includes(body.kind)) {
    fail('kind', `Must be one of: ${NOTIFICATION_CHANNEL_KINDS.join(', ')}.`);
  } else if (existingKind && body.kind !== existingKind) {
    fail('kind', `The channel is a ${existingKind} channel; its kind cannot change (create a new channel).`);
  } else kind = body.kind as NotificationChannelKind;

  let name = '';
  if (!given('name')) fail('name', 'Required parameter is missing.');
  else if (typeof body.name !== 'string' || body.name.trim() === '') fail('name', 'Must be a non-empty string.');
  else if (body.name.length > MAX_NAME_LENGTH) fail('name', `Must be at most ${MAX_NAME_LENGTH} characters.`);
  else name = body.name;

  let enabled = true;
  if (given('enabled')) {
    if (typeof body.enabled !== 'boolean') fail('enabled', 'Must be true or false.');
    else enabled = body.enabled;
  }

  let url: string | null = null;
  const recipients: string[] = [];
  if (kind === 'WEBHOOK') {
    if (given('recipients')) fail('recipients', 'Only an EMAIL channel has recipients.');
    if (!given('url')) fail('url', 'Required parameter is missing.');
    else if (typeof body.url !== 'string') fail('url', 'Must be of type string.');
    else {
      const problem = webhookUrl(body.url);
      if (problem) fail('url', problem);
      else url = body.url;
    }
  } else if (kind === 'EMAIL') {
    if (given('url')) fail('url', 'Only a WEBHOOK channel has a url.');
    if (!given('recipients')) fail('recipients', 'Required parameter is missing.');
    else if (!Array.isArray(body.recipients) || body.recipients.length === 0 || body.recipients.length > MAX_RECIPIENTS) {
      fail('recipients', `Must be an array of 1 to ${MAX_RECIPIENTS} e-mail addresses.`);
    } else {
      const seen = new Set<string>();
      body.recipients.forEach((address: unknown, i) => {
        const subject = `recipients[${i}]`;
        if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH || !ADDRESS.test(address)) {
          fail(subject, 'Must be an e-mail address such as finance@example.com.');
        } else if (seen.has(address.toLowerCase())) fail(subject, `Duplicate address '${address}'.`);
        else {
          seen.add(address.toLowerCase());
          recipients.push(address);
        }
      });
    }
  }
  if (issues.length > 0) throw badRequest(issues);
  return { kind: kind!, name, url, recipients, enabled };
}

/** RFC 7396 over a flat object: a null removes the member, anything else replaces it. */
export function mergePatch(target: Record<string, unknown>, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
