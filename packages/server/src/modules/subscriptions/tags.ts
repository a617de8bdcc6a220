/**
 * Subscription tags as the seed defines them: keys 1–128 and values 0–256 characters of letters,
 * digits, spaces and `_ . : = + - @`; at most 50 per subscription; stored with their case, compared
 * without it.
 */
import type { Issue } from '../../platform/errors/index.js';

export const MAX_TAGS = 50;
const ALLOWED = /^[\p{L}\p{N} _.:=+\-@]*$/u;
const ALLOWED_TEXT = 'letters, digits, spaces and _ . : = + - @';

export type TagPatch = Readonly<Record<string, string | null>>;

/** Every problem with a tag map, each naming `<path>.<key>` (`field`). */
export function tagIssues(tags: TagPatch, path: string): Issue[] {
  const issues: Issue[] = [];
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    issues.push({ source: 'field', subject: path, description: `At most ${MAX_TAGS} tags, got ${entries.length}.` });
  }
  const seen = new Map<string, string>();
  for (const [key, value] of entries) {
    const subject = `${path}.${key}`;
    if (key.length < 1 || key.length > 128) {
      issues.push({ source: 'field', subject, description: 'A tag key must be 1 to 128 characters long.' });
    } else if (!ALLOWED.test(key)) {
      issues.push({ source: 'field', subject, description: `A tag key may hold only ${ALLOWED_TEXT}.` });
    }
    if (value !== null) {
      if (value.length > 256) issues.push({ source: 'field', subject, description: 'A tag value must be at most 256 characters long.' });
      else if (!ALLOWED.test(value)) issues.push({ source: 'field', subject, description: `A tag value may hold only ${ALLOWED_TEXT}.` });
    }
    const folded = key.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      issues.push({ source: 'field', subject, description: `Tag keys compare case-insensitively: '${key}' repeats '${earlier}'.` });
    } else {
      seen.set(folded, key);
    }
  }
  return issues;
}

/** The tags a new subscription starts with: the given ones, `null` meaning "no such tag". */
export function initialTags(tags: TagPatch | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) if (value !== null) out[key] = value;
  return out;
}

export type MergeOutcome =
  | { ok: true; tags: Record<string, string>; changed: boolean }
  | { ok: false; reason: 'TAG_KEY_CASE_CONFLICT' | 'TOO_MANY_TAGS'; message: string };

/**
 * Applies a merge patch to one subscription's tags: a key present with the same spelling is
 * updated, an absent key added, `null` removes the key whatever its case. Adding a key that
 * exists with another spelling (`Location` beside `LOCATION`) fails for this subscription.
 */
export function mergeTags(current: Readonly<Record<string, string>>, patch: TagPatch): MergeOutcome {
  const tags: Record<string, string> = { ...current };
  const spelling = new Map(Object.keys(tags).map((k) => [k.toLowerCase(), k]));
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    const existing = spelling.get(key.toLowerCase());
    if (value === null) {
      if (existing !== undefined) {
        delete tags[existing];
        spelling.delete(key.toLowerCase());
        changed = true;
      }
      continue;
    }
    if (existing !== undefined && existing !== key) {
      return {
        ok: false,
        reason: 'TAG_KEY_CASE_CONFLICT',
        message: `Tag key '${key}' conflicts with the existing tag '${existing}': tag keys compare case-insensitively.`,
      };
    }
    if (tags[key] !== value) {
      tags[key] = value;
      spelling.set(key.toLowerCase(), key);
      changed = true;
    }
  }
  const count = Object.keys(tags).length;
  if (count > MAX_TAGS) {
    return { ok: false, reason: 'TOO_MANY_TAGS', message: `The subscription would have ${count} tags; at most ${MAX_TAGS} are allowed.` };
  }
  return { ok: true, tags, changed };
}
