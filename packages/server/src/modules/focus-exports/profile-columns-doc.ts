/**
 * docs/focus.md's column tables, rendered from the profile definitions (export-profiles.ts): per
 * profile, every column in file order, its FOCUS data type and where its value comes from in
 * Consumo's model (a cost-record column and how rating fills it from the catalog, a constant, a
 * computation, or null). scripts/write-focus-doc.ts writes it; a test fails when the doc is stale.
 */
import { FOCUS_1_3_COLUMNS } from '@consumo/focus';
import { COST_RECORD_COLUMNS } from '../cost-records/index.js';
import { COST_RECORD_ORIGIN } from '../cost-records/cost-record-columns.js';
import { EXPORT_PROFILES } from './focus-exports.enums.js';
import { CONTRACT_COMMITMENT_PROFILE } from './contract-commitment-profile.js';
import { FOCUS_VERSION_OF, PROFILES, type Profile, type ProfileColumn } from './export-profiles.js';
import { columnDefinitions } from './focus-metadata.js';

export const FOCUS_DOC_BEGIN = '<!-- BEGIN GENERATED: export profile columns (packages/server/src/modules/focus-exports/export-profiles.ts) -->';
export const FOCUS_DOC_END = '<!-- END GENERATED: export profile columns -->';

const NAME_OF_SQL: ReadonlyMap<string, string> = new Map(COST_RECORD_COLUMNS.map((c) => [c.column, c.name]));
const DEPRECATED: ReadonlySet<string> = new Set(FOCUS_1_3_COLUMNS.filter((c) => c.deprecated).map((c) => c.name));

const cell = (text: string) => text.replace(/\|/g, '\\|');

function sourceOf(c: ProfileColumn): string {
  if (c.source) return c.source;
  const stored = NAME_OF_SQL.get(c.column);
  const origin = stored ? COST_RECORD_ORIGIN[stored] : undefined;
  const base = `cost record \`${c.column}\``;
  const json = c.emptyJson ? '; `{}` when null' : '';
  return origin ? `${base}${json} ← ${origin}` : `${base}${json} (not written by rating: null)`;
}

function renderTable(heading: string, profile: Profile): string[] {
  const types = columnDefinitions(profile);
  const parts = [heading, '', '| # | Column | Type | Value in Consumo |', '|---|---|---|---|'];
  profile.columns.forEach((c, i) => {
    const flag = profile.name === 'focus-1.3' && profile.dataset === 'CostAndUsage' && DEPRECATED.has(c.header) ? ' (deprecated in 1.3, still mandatory)' : '';
    parts.push(`| ${i + 1} | \`${c.header}\`${flag} | ${types[i]!.DataType} | ${cell(sourceOf(c))} |`);
  });
  parts.push('');
  return parts;
}

export function renderProfileTables(): string {
  const parts: string[] = [];
  for (const name of EXPORT_PROFILES) {
    const profile = PROFILES[name];
    parts.push(...renderTable(`### \`${name}\` (FOCUS ${FOCUS_VERSION_OF[name]}, ${profile.columns.length} columns)`, profile));
  }
  const commitments = CONTRACT_COMMITMENT_PROFILE;
  parts.push(
    ...renderTable(
      `### Dataset \`ContractCommitment\` (profile \`${commitments.name}\`, FOCUS ${FOCUS_VERSION_OF[commitments.name]}, ${commitments.columns.length} columns: one row per commitment)`,
      commitments,
    ),
  );
  return parts.join('\n').trimEnd();
}

/** docs/focus.md's text with the generated part replaced by the profiles as they are now. */
export function withProfileTables(docText: string): string {
  const start = docText.indexOf(FOCUS_DOC_BEGIN);
  const end = docText.indexOf(FOCUS_DOC_END);
  if (start < 0 || end < start) throw new Error(`docs/focus.md lacks the markers ${FOCUS_DOC_BEGIN} … ${FOCUS_DOC_END}`);
  return `${docText.slice(0, start + FOCUS_DOC_BEGIN.length)}\n${renderProfileTables()}\n${docText.slice(end)}`;
}
