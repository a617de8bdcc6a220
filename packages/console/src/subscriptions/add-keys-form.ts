/**
 * The "Add subscription keys" form: keys typed or pasted one a line (or separated by commas or
 * spaces), each once, one to five of them (the POST's limit), each shaped as the key catalog's keys
 * are. Which key exists, is free or is claimed only the operation can say.
 */

export const MAX_KEYS_PER_ADD = 5;
export const MAX_KEY_LENGTH = 128;
const KEY = /^[A-Za-z0-9_.:=+@-]+$/;

export interface ParsedKeys {
  keys: string[];
  problems: string[];
}

export function parseKeys(text: string): ParsedKeys {
  const keys: string[] = [];
  for (const word of text.split(/[\s,;]+/)) if (word !== '' && !keys.includes(word)) keys.push(word);
  const problems: string[] = [];
  if (keys.length === 0) problems.push('Enter at least one subscription key.');
  if (keys.length > MAX_KEYS_PER_ADD) problems.push(`At most ${MAX_KEYS_PER_ADD} keys at a time; ${keys.length} are entered.`);
  for (const key of keys) {
    if (key.length > MAX_KEY_LENGTH) problems.push(`${key.slice(0, 20)}… is longer than ${MAX_KEY_LENGTH} characters.`);
    else if (!KEY.test(key)) problems.push(`${key} is not a subscription key: keys hold letters, digits and _ . : = + @ - only.`);
  }
  return { keys, problems };
}

/** The POST body: `{subscriptions: [{key}, …]}`. */
export function addBody(keys: readonly string[]): { subscriptions: { key: string }[] } {
  return { subscriptions: keys.map((key) => ({ key })) };
}
