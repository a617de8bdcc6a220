/**
 * POSTs one signed webhook delivery: JSON body, `Consumo-Signature`, `Consumo-Delivery` (the
 * receiver's idempotency key), 10 seconds at most, redirects not followed; any 2xx acknowledges it.
 */
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface WebhookRequest {
  url: string;
  body: string;
  secret: string;
  deliveryId: string;
  /** The signature's `t`. */
  unixSeconds: number;
  /** Aborts the request (the job queue stopping). */
  signal: AbortSignal;
  timeoutMs?: number;
}

export async function postWebhook(r: WebhookRequest): Promise<SendOutcome> {
  const timeout = AbortSignal.timeout(r.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(r.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Consumo-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(r.secret, r.unixSeconds, r.body),
        [DELIVERY_HEADER]: r.deliveryId,
      },
      body: r.body,
      signal: AbortSignal.any([r.signal, timeout]),
    });
  } catch (err) {
    r.signal.throwIfAborted();
    if (timeout.aborted) return { ok: false, statusCode: null, error: `no answer within ${(r.timeoutMs ?? WEBHOOK_TIMEOUT_MS) / 1000} s` };
    const cause = (err as { cause?: { message?: string; code?: string } }).cause;
    return { ok: false, statusCode: null, error: cause?.code ?? cause?.message ?? (err as Error).message };
  }
  // The answer's body is not read: discard it so the connection can be reused.
  await response.body?.cancel().catch(() => undefined);
  const ok = response.status >= 200 && response.status < 300;
  return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
}
