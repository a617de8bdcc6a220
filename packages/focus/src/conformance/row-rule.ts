/** The shape of a cross-column rule: it reads one row and reports what it finds. */
import type { Report } from './cell-rules.js';
import type { RowView } from './row-view.js';

export type RowRule = (row: RowView, report: Report) => void;

/** ChargeCategory when it is one of the allowed values, else null (rules keyed on it then skip). */
export const chargeCategoryOf = (row: RowView): string | null => row.valid('ChargeCategory');
