/** Checks cost-summary's groupBy, groupByTag, filter, from and to beyond what the schema can say; each problem is a 400 naming its parameter. */
import type { RawBuilder } from 'kysely';
import { type Issue, badRequest, queryIssue } from '../../../platform/errors/index.js';
import { compileFilter } from '../../../platform/filter-sql/index.js';
import { DAY_MS, calendarDayMs } from '../../../platform/formats/index.js';
import { type ListParameter, commaList } from '../../../platform/query/index.js';
import {
  type Granularity, MAX_DAY_RANGE_DAYS, MAX_GROUP_FIELDS, MAX_TAG_KEY_LENGTH, SUMMARY_FILTER_FIELDS, SUMMARY_GROUP_FIELDS, type SummaryGroupField,
} from './cost-summary.fields.js';
import type { CostSummaryQuery } from './costs.schemas.js';

export interface SummaryParams {
  groupBy: SummaryGroupField[];
  /** The tag key to group by as well (`groupByTag`, taken verbatim); undefined without one. */
  groupByTag: string | undefined;
  granularity: Granularity;
  from: string;
  to: string;
  /** The `filter` parameter as a predicate over the rollup columns; undefined without one. */
  where: RawBuilder<boolean> | undefined;
}

function isGroupField(name: string): name is SummaryGroupField {
  return (SUMMARY_GROUP_FIELDS as readonly string[]).includes(name);
}

export function parseGroupBy(value: ListParameter | undefined): SummaryGroupField[] {
  const text = commaList(value);
  if (text === undefined) return [];
  const names = text.split(',').map((f) => f.trim());
  if (names.some((f) => f === '')) {
    throw queryIssue('groupBy', 'Must be a comma-separated list of field names; leave groupBy out to group by period and currency only.');
  }
  const fields: SummaryGroupField[] = [];
  for (const name of names) {
    if (!isGroupField(name)) {
      throw queryIssue('groupBy', `Cannot group by '${name}'; groupable fields: ${SUMMARY_GROUP_FIELDS.join(', ')} (group by a tag key with groupByTag).`);
    }
    if (fields.includes(name)) throw queryIssue('groupBy', `Field '${name}' appears twice.`);
    fields.push(name);
  }
  if (fields.length > MAX_GROUP_FIELDS) throw queryIssue('groupBy', `At most ${MAX_GROUP_FIELDS} fields, got ${fields.length}.`);
  return fields;
}

/** The problems of a [from, to) range of ISO days, and its bounds in ms when they are days. */
export function dayRangeIssues(fromText: string, toText: string): { issues: Issue[]; from: number | undefined; to: number | undefined } {
  const issues: Issue[] = [];
  // Real days of the years PostgreSQL's date and JS agree on, 0001–9999 (not 2026-02-30).
  const from = calendarDayMs(fromText);
  const to = calendarDayMs(toText);
  const notADate = (subject: string, text: string) =>
    issues.push({ source: 'query.parameter', subject, description: `Must be an existing day as an ISO date (YYYY-MM-DD), got '${text}'.` });
  if (from === undefined) notADate('from', fromText);
  if (to === undefined) notADate('to', toText);
  if (from !== undefined && to !== undefined && to <= from) {
    issues.push({ source: 'query.parameter', subject: 'to', description: `Must be after from (${fromText}); to is exclusive.` });
  }
  return { issues, from, to };
}

/**
 * The tag key as given: any text of 1 to MAX_TAG_KEY_LENGTH characters (':', '.', '/', ',' and
 * spaces included, compared exactly), one key per query.
 */
export function parseGroupByTag(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length !== 1) throw queryIssue('groupByTag', `One tag key per query, got ${value.length}.`);
    return parseGroupByTag(value[0]);
  }
  if (value.length < 1 || value.length > MAX_TAG_KEY_LENGTH) {
    throw queryIssue('groupByTag', `A tag key is 1 to ${MAX_TAG_KEY_LENGTH} characters long, got ${value.length}.`);
  }
  return value;
}

export function parseSummaryParams(query: CostSummaryQuery): SummaryParams {
  const granularity = query.granularity ?? 'DAY';
  const groupBy = parseGroupBy(query.groupBy);
  const groupByTag = parseGroupByTag(query.groupByTag);
  const where = query.filter === undefined ? undefined : compileFilter(query.filter, SUMMARY_FILTER_FIELDS, 'filter');
  const { issues, from, to } = dayRangeIssues(query.from, query.to);
  if (from !== undefined && to !== undefined && to > from && granularity === 'DAY' && (to - from) / DAY_MS > MAX_DAY_RANGE_DAYS) {
    issues.push({
      source: 'query.parameter',
      subject: 'to',
      description: `With granularity DAY, to may be at most ${MAX_DAY_RANGE_DAYS} days after from, got ${(to - from) / DAY_MS}; use granularity MONTH for longer ranges.`,
    });
  }
  if (issues.length) throw badRequest(issues);
  return { groupBy, groupByTag, granularity, from: query.from, to: query.to, where };
}
