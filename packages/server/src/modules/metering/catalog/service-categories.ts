/** The FOCUS 1.2 values a resource's service category and subcategory may take, read off the generated column list. */
import { FOCUS_1_2_COLUMNS, SERVICE_SUBCATEGORY_PARENT } from '@consumo/focus';

function allowedValues(column: string): readonly string[] {
  const values = FOCUS_1_2_COLUMNS.find((c) => c.name === column)?.allowedValues;
  if (!values) throw new Error(`FOCUS column ${column} has no allowed values`);
  return values;
}

export const SERVICE_CATEGORIES = allowedValues('ServiceCategory');
export const SERVICE_SUBCATEGORIES = allowedValues('ServiceSubcategory');

/** The one category a subcategory belongs under (FOCUS: a subcategory has exactly one parent). */
export function parentCategory(subcategory: string): string | undefined {
  return Object.hasOwn(SERVICE_SUBCATEGORY_PARENT, subcategory) ? SERVICE_SUBCATEGORY_PARENT[subcategory] : undefined;
}
