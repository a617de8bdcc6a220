/** A new notification channel as the API takes it: a webhook URL (http or https) or 1–50 e-mail addresses, checked before it is sent. */
import type { ChannelInput } from './types.js';

export type ChannelKind = ChannelInput['kind'];

export interface ChannelForm {
  kind: ChannelKind;
  name: string;
  url: string;
  /** Addresses separated by commas, semicolons, spaces or lines. */
  recipients: string;
}

export type ChannelErrors = Partial<Record<'name' | 'url' | 'recipients', string>>;

export const MAX_RECIPIENTS = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emptyChannelForm = (kind: ChannelKind = 'WEBHOOK'): ChannelForm => ({ kind, name: '', url: '', recipients: '' });

export function recipientList(text: string): string[] {
  return text.split(/[\s,;]+/).filter((r) => r !== '');
}

export function validateChannelForm(form: ChannelForm): ChannelErrors {
  const errors: ChannelErrors = {};
  const name = form.name.trim();
  if (name === '' || name.length > 256) errors.name = 'Enter a name (at most 256 characters).';
  if (form.kind === 'WEBHOOK') {
    let url: URL | undefined;
    try {
      url = new URL(form.url.trim());
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || form.url.trim().length > 2048)
      errors.url = 'Enter the http(s) URL alerts are POSTed to, e.g. https://hooks.example.com/consumo.';
  } else {
    const list = recipientList(form.recipients);
    const bad = list.filter((r) => !EMAIL.test(r) || r.length > 254);
    if (list.length === 0 || list.length > MAX_RECIPIENTS) errors.recipients = `Enter 1 to ${MAX_RECIPIENTS} e-mail addresses.`;
    else if (bad.length > 0) errors.recipients = `Not an e-mail address: ${bad.join(', ')}.`;
  }
  return errors;
}

export function channelBody(form: ChannelForm): ChannelInput {
  const name = form.name.trim();
  return form.kind === 'WEBHOOK' ? { kind: 'WEBHOOK', name, url: form.url.trim() } : { kind: 'EMAIL', name, recipients: recipientList(form.recipients) };
}

/** Where a channel's alerts go, in a table cell. */
export function channelTarget(channel: { kind: ChannelKind; url?: string; recipients?: string[] }): string {
  return channel.kind === 'WEBHOOK' ? (channel.url ?? '') : (channel.recipients ?? []).join(', ');
}
