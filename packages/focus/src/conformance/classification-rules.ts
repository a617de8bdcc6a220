/** ServiceSubcategory's parent must be the row's ServiceCategory (FOCUS 1.1+). */
import { SERVICE_SUBCATEGORY_PARENT } from '../columns/focus-1.2-columns.js';
import type { RowRule } from './row-rule.js';

const subcategoryParent: RowRule = (row, report) => {
  const sub = row.valid('ServiceSubcategory');
  const category = row.valid('ServiceCategory');
  if (sub === null || category === null) return;
  const parent = SERVICE_SUBCATEGORY_PARENT[sub];
  if (parent !== undefined && parent !== category) {
    report('ServiceSubcategory', 'service-subcategory-parent', `ServiceSubcategory '${sub}' belongs to ServiceCategory '${parent}', not '${category}'`);
  }
};

export function classificationRules(): RowRule[] {
  return [subcategoryParent];
}
