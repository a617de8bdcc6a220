/**
 * The CLI keeps its own copies of a few numbers and media types of the API — importing them from the
 * server would load the server into every client command — so each copy is checked here against the
 * committed OpenAPI document (packages/server/openapi.json, itself checked against the routes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGETS_PATH, BUDGET_VALUE_PATTERN, MAX_PAGE, MAX_THRESHOLD_PERCENT, USAGE_PATH } from '../src/commands/budgets.commands.js';
import { MEDIA_TYPES } from '../src/commands/exports.commands.js';
import { MAX_BATCH } from '../src/commands/keys.commands.js';
import { MAX_BATCH_EVENTS } from '../src/ingest/event-batches.js';
import { BATCH_CONTENT_TYPE } from '../src/ingest/send-batch.js';

interface Schema { maxItems?: number; maximum?: number; pattern?: string; anyOf?: Schema[]; type?: string; items?: Schema; properties?: Record<string, Schema> }
interface Content { [mediaType: string]: { schema: Schema } }
const doc = JSON.parse(readFileSync(new URL('../../server/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string; schema: Schema }[]; requestBody?: { content: Content }; responses: Record<string, { content?: Content }> }>
  >;
};

describe('the CLI’s copies of the API contract', () => {
  it('sends event batches no larger than POST /metering/v1/events takes, with its batch media type', () => {
    const content = doc.paths['/metering/v1/events']!.post!.requestBody!.content;
    expect(Object.keys(content)).toContain(BATCH_CONTENT_TYPE);
    const arrays = content[BATCH_CONTENT_TYPE]!.schema.anyOf!.filter((s) => s.type === 'array');
    expect(arrays.map((s) => s.maxItems)).toEqual([MAX_BATCH_EVENTS]);
  });

  it('imports keys in batches no larger than POST /admin/v1/subscription-keys takes', () => {
    const body = doc.paths['/admin/v1/subscription-keys']!.post!.requestBody!.content['application/json']!.schema;
    expect(body.properties!.keys!.maxItems).toBe(MAX_BATCH);
  });

  it('asks FOCUS contents for the media types the endpoint answers', () => {
    const content = doc.paths['/consumption-analytics/v1beta1/focus-exports/{id}/contents']!.get!.responses['200']!.content!;
    expect(Object.keys(content).sort()).toEqual(Object.values(MEDIA_TYPES).sort());
  });

  it('checks budget amounts, thresholds and list pages as /budgets/v1 does', () => {
    const body = doc.paths[BUDGETS_PATH]!.post!.requestBody!.content['application/json']!.schema.properties!;
    expect(body.yearlyBudget!.pattern).toBe(BUDGET_VALUE_PATTERN);
    expect(body.periodBudget!.pattern).toBe(BUDGET_VALUE_PATTERN);
    expect(body.costPeriods!.items!.properties!.budgetValue!.pattern).toBe(BUDGET_VALUE_PATTERN);
    expect(body.threshold1Percent!.anyOf!.find((s) => s.type === 'integer')!.maximum).toBe(MAX_THRESHOLD_PERCENT);
    const limit = doc.paths[BUDGETS_PATH]!.get!.parameters!.find((p) => p.name === 'limit' && p.in === 'query')!;
    expect(limit.schema.maximum).toBe(MAX_PAGE);
    expect(doc.paths[USAGE_PATH]!.get!.parameters!.map((p) => p.name)).toEqual(['billingAccountId', 'accountingYear', 'accountingPeriod', 'type']);
  });
});
