/**
 * Query parameters that hold a list (`select`, `sort`, `groupBy`): HPE's specifications type them
 * as arrays, so generated clients send `select=id&select=key`, while people write `select=id,key`.
 * Both forms, and a mix of them, mean the same list.
 */
import { Type } from '@sinclair/typebox';

/** What a list parameter arrives as: one comma list, or the repeated form (each may itself hold commas). */
export type ListParameter = string | readonly string[];

/** The schema of an optional list parameter: a comma list, or the parameter repeated. */
export function listParameter(description: string, examples?: readonly string[]) {
  return Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String())], {
      description: `${description} May be repeated: the values join as one comma list.`,
      ...(examples && { examples }),
    }),
  );
}

/** The comma form of a list parameter, or undefined when it was not given. */
export function commaList(value: ListParameter | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value.join(',');
}
