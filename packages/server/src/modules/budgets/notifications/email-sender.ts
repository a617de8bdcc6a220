/**
 * Sends one alert e-mail over SMTP (nodemailer, to SMTP_URL): plain text, one recipient, the
 * delivery id as Message-ID and `Consumo-Delivery` header so a mailbox can drop a resent copy.
 * Accepted by the SMTP server = acknowledged.
 */
import { createTransport } from 'nodemailer';
import type { SendOutcome } from './webhook-sender.js';
import type { EmailContent } from './alert-message.js';

export const SMTP_TIMEOUT_MS = 10_000;

export interface EmailRequest {
  smtpUrl: string | undefined;
  from: string;
  to: string;
  deliveryId: string;
  content: EmailContent;
}

const describe = (err: unknown) => {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  return { statusCode: e.responseCode ?? null, error: e.response ?? e.message ?? e.code ?? String(err) };
};

export async function sendAlertEmail(r: EmailRequest): Promise<SendOutcome> {
  if (!r.smtpUrl) return { ok: false, statusCode: null, error: 'SMTP_URL is not set: e-mail cannot be sent' };
  const transport = createTransport({
    url: r.smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: r.from,
      to: r.to,
      subject: r.content.subject,
      text: r.content.text,
      messageId: `<${r.deliveryId}@consumo.alerts>`,
      headers: { 'Consumo-Delivery': r.deliveryId },
    });
    return { ok: true, statusCode: 250, error: null };
  } catch (err) {
    return { ok: false, ...describe(err) };
  } finally {
    transport.close();
  }
}
