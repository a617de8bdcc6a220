/** UUIDs as clients send them and as Consumo stores them (lower case, hyphenated 8-4-4-4-12). */

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);
const HEX_32 = /^[0-9a-fA-F]{32}$/;
const HEX_OR_HYPHEN = /^[0-9a-fA-F-]+$/;

/** A hyphenated UUID in any case. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * The spellings a family takes for a UUID: `hyphenated` (8-4-4-4-12, any case; the default),
 * `hex32` (that, or its 32 hex digits without hyphens: the auto-subscription settings id written
 * from a workspace id), `anyHyphens` (32 hex digits with hyphens anywhere or none, 32–36
 * characters in all: Consumption Analytics' export ids).
 */
export type UuidSpelling = 'hyphenated' | 'hex32' | 'anyHyphens';

/** A UUID in a spelling `accepted` → the stored form (lower case, 8-4-4-4-12); undefined when it is none. */
export function parseUuid(text: string, accepted: UuidSpelling = 'hyphenated'): string | undefined {
  if (UUID.test(text)) return text.toLowerCase();
  if (accepted === 'hyphenated') return undefined;
  if (accepted === 'hex32') return HEX_32.test(text) ? hyphenated(text) : undefined;
  if (text.length > 36 || !HEX_OR_HYPHEN.test(text)) return undefined;
  const hex = text.replaceAll('-', '');
  return hex.length === 32 ? hyphenated(hex) : undefined;
}

/** 32 hex digits in the hyphenated 8-4-4-4-12 form, lower case. */
export function hyphenated(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
