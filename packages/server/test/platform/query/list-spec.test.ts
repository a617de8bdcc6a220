import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/platform/errors/index.js';
import { parseListQuery } from '../../../src/platform/query/list-query.js';
import { listSpec, selectOnly, withFieldExpression } from '../../../src/platform/query/list-spec.js';

const constant = sql`'flex/things'::text`;

const things = listSpec(
  {
    id: { column: 'id', type: 'uuid' },
    type: { column: 'type', type: 'string', expression: constant, sort: false },
    createdAt: { column: 'created_at', type: 'timestamp', filter: false },
    name: { column: 't.name', type: 'string', nullable: true },
    labels: { column: 'labels', type: 'string', array: true, sort: false },
    'window/start': { column: 'start_time', type: 'timestamp', select: false },
    window: selectOnly,
    status: { column: 'status', type: 'string', sort: 'status_rank' },
    tags: selectOnly,
  },
  { defaultSort: ['createdAt desc', 'id'], defaultLimit: 20 },
);

function issueOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const [detail] = error.details;
    if (detail?.type !== 'hpe.greenlake.bad_request') throw error;
    return detail.issues[0];
  }
  throw new Error('expected an ApiError');
}

describe('listSpec', () => {
  it('makes every column field filterable, sortable and selectable unless a flag says not, in table order', () => {
    expect(Object.keys(things.filterFields)).toEqual(['id', 'type', 'name', 'labels', 'window/start', 'status']);
    expect(things.sortColumns).toEqual({ id: 'id', createdAt: 'created_at', name: 't.name', 'window/start': 'start_time', status: 'status_rank' });
    expect(Object.keys(things.sortColumns)).toEqual(['id', 'createdAt', 'name', 'window/start', 'status']);
    expect(things.selectFields).toEqual(['id', 'type', 'createdAt', 'name', 'labels', 'window', 'status', 'tags']);
    expect(things.defaultLimit).toBe(20);
  });

  it('hands the filter what it reads, without the flags', () => {
    expect(things.filterFields).toEqual({
      id: { column: 'id', type: 'uuid' },
      type: { column: 'type', type: 'string', expression: constant },
      name: { column: 't.name', type: 'string', nullable: true },
      labels: { column: 'labels', type: 'string', array: true },
      'window/start': { column: 'start_time', type: 'timestamp' },
      status: { column: 'status', type: 'string' },
    });
  });

  it('reads the default sort by public field, ascending unless it says desc, as sort columns', () => {
    expect(things.defaultSort).toEqual([
      { column: 'created_at', direction: 'desc' },
      { column: 'id', direction: 'asc' },
    ]);
    expect(listSpec({ status: { column: 'status', type: 'string', sort: 'status_rank' } }, { defaultSort: ['status asc'], defaultLimit: 1 }).defaultSort).toEqual([
      { column: 'status_rank', direction: 'asc' },
    ]);
  });

  it('refuses a default sort over a field that cannot be sorted', () => {
    const fields = { id: { column: 'id', type: 'uuid' }, tags: selectOnly, type: { column: 'type', type: 'string', sort: false } } as const;
    expect(() => listSpec(fields, { defaultSort: ['type'], defaultLimit: 1 })).toThrow("Default sort: 'type' is not a sortable field.");
    expect(() => listSpec(fields, { defaultSort: ['tags desc'], defaultLimit: 1 })).toThrow("'tags' is not a sortable field");
    // @ts-expect-error: only the table's fields may be named.
    expect(() => listSpec(fields, { defaultSort: ['constructor'], defaultLimit: 1 })).toThrow("'constructor' is not a sortable field");
  });

  it('leaves select empty for a list without the parameter', () => {
    const spec = listSpec({ key: { column: 'key', type: 'string' } }, { defaultSort: ['key'], defaultLimit: 100, select: false });
    expect(spec.selectFields).toEqual([]);
    expect(Object.keys(spec.filterFields)).toEqual(['key']);
  });

  it('gives parseListQuery the allow-lists its 400s name', () => {
    expect(issueOf(() => parseListQuery({ filter: "tags eq 'x'" }, things))?.description).toBe(
      "unknown field 'tags' at position 0; filterable fields: id, type, name, labels, window/start, status",
    );
    expect(issueOf(() => parseListQuery({ sort: 'type' }, things))?.description).toBe(
      "Cannot sort by 'type'; sortable fields: id, createdAt, name, window/start, status.",
    );
    expect(issueOf(() => parseListQuery({ select: 'window/start' }, things))?.description).toBe(
      "Unknown field 'window/start'; selectable fields: id, type, createdAt, name, labels, window, status, tags.",
    );
    const list = parseListQuery({ sort: 'status desc', select: 'tags,id', limit: 5 }, things);
    expect(list).toMatchObject({ sort: [{ column: 'status_rank', direction: 'desc' }], selected: ['tags', 'id'], limit: 5, offset: 0 });
    expect(parseListQuery({}, things)).toMatchObject({ where: undefined, sort: things.defaultSort, limit: 20, selected: undefined });
  });

  it('withFieldExpression swaps one filter field\'s expression and leaves the built spec as it was', () => {
    const built = listSpec({ id: { column: 'id', type: 'string' }, due: { column: 'due', type: 'boolean', sort: false } }, { defaultSort: ['id'], defaultLimit: 10 });
    const expression = sql`(due_at < now())`;
    const atNow = withFieldExpression(built, 'due', expression);
    expect(atNow.filterFields.due).toEqual({ column: 'due', type: 'boolean', expression });
    expect(built.filterFields.due).toEqual({ column: 'due', type: 'boolean' });
    expect(atNow.filterFields.id).toBe(built.filterFields.id);
    expect(atNow.sortColumns).toBe(built.sortColumns);
    expect(() => withFieldExpression(built, 'nope', expression)).toThrow("'nope' is not a filter field");
  });
});
