/** The checks of one cell against its FOCUS column: placeholder nulls, nullability, data type, range, allowed values. */
import type { FocusColumn } from '../columns/focus-1.2-columns.js';
import { type Cell, placeholderNull } from './cells.js';
import { dateTimeProblem } from './date-time-format.js';
import type { FocusVersionRules } from './focus-versions.js';
import { parseKeyValue } from './key-value-format.js';
import { isFocusNumber, numericProblem } from './numeric-format.js';
import { skuPriceDetailsProblems } from './sku-price-details-keys.js';
import type { RuleId } from './violation.js';

export type Report = (column: string, rule: RuleId, message: string) => void;

/**
 * What a cell is worth to the cross-column rules once checked: no value (a real null, or a
 * placeholder already reported), a value of the column's type, or a value that is not of its type
 * (rules that read the value — arithmetic, dates — then skip the row).
 */
export type CellState = 'null' | 'valid' | 'invalid';

export type CellCheck = (cell: Cell, report: Report) => CellState;

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** A negative number other than zero (`-0`, `-0.0E-3` are zero). */
const isNegative = (text: string) => text.startsWith('-') && /[1-9]/.test(text.split(/[eE]/)[0]!);

function typeCheck(column: FocusColumn, rules: FocusVersionRules): (text: string, report: Report) => boolean {
  const name = column.name;
  switch (column.type) {
    case 'Decimal': {
      const nonNegative = rules.unitPrices.includes(name);
      return (text, report) => {
        if (!isFocusNumber(text)) {
          report(name, 'numeric-format', numericProblem(text) ?? `'${text}' is not a FOCUS number`);
          return false;
        }
        if (nonNegative && isNegative(text)) {
          report(name, 'non-negative', `${name} is a unit price and must not be negative, got '${text}'`);
          return false;
        }
        return true;
      };
    }
    case 'Date/Time':
      return (text, report) => {
        const problem = dateTimeProblem(text);
        if (problem !== null) report(name, 'date-format', problem);
        return problem === null;
      };
    case 'JSON':
      return (text, report) => {
        const parsed = parseKeyValue(text);
        if (!parsed.ok) {
          report(name, 'key-value-format', `${name} ${parsed.problem}`);
          return false;
        }
        if (name !== 'SkuPriceDetails') return true;
        const problems = skuPriceDetailsProblems(parsed.value);
        for (const problem of problems) report(name, 'sku-price-details-key', problem);
        return problems.length === 0;
      };
    case 'String': {
      if (column.allowedValues) {
        const allowed = new Set(column.allowedValues);
        const byLowerCase = new Map(column.allowedValues.map((v) => [v.toLowerCase(), v]));
        return (text, report) => {
          if (allowed.has(text)) return true;
          const near = byLowerCase.get(text.toLowerCase());
          const hint = near !== undefined ? `; values are case-sensitive: '${near}'` : '';
          const listed = column.allowedValues!.length <= 8 ? `: ${column.allowedValues!.map((v) => `'${v}'`).join(', ')}` : '';
          report(name, 'allowed-values', `'${text}' is not an allowed ${name}${hint || listed}`);
          return false;
        };
      }
      if (rules.currencyColumns.includes(name)) {
        return (text, report) => {
          if (CURRENCY_CODE.test(text)) return true;
          report(name, 'currency-format', `'${text}' is not an ISO 4217 currency code (three upper-case letters, e.g. USD)`);
          return false;
        };
      }
      return () => true;
    }
  }
}

/** The check of one column's cells, built once per file from the header. */
export function cellCheckOf(column: FocusColumn, rules: FocusVersionRules): CellCheck {
  const name = column.name;
  const check = typeCheck(column, rules);
  return (cell, report) => {
    if (cell !== null) {
      const placeholder = placeholderNull(cell);
      if (placeholder === null) return check(cell, report) ? 'valid' : 'invalid';
      report(name, 'literal-null', placeholder);
    }
    if (!column.nullable) report(name, 'nullability', `${name} must not be null`);
    return 'null';
  };
}
