/**
 * The webhook signature, Stripe's scheme: `Consumo-Signature: t=<unix seconds>,v1=<hex>` where
 * `<hex>` is the HMAC-SHA256 of `<t>.<raw body>` keyed with the channel's signing secret (its
 * UTF-8 bytes). A receiver recomputes it over the bytes it got, compares in constant time and
 * refuses a `t` too far from its clock (replays).
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Consumo-Signature';
export const DELIVERY_HEADER = 'Consumo-Delivery';

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
