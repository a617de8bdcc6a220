/** @consumo/focus public surface: the FOCUS 1.0 and 1.2 column specifications and the conformance checker with its CSV and Parquet readers. */
export { FOCUS_1_0_COLUMNS } from './columns/focus-1.0-columns.js';
export { FOCUS_1_2_COLUMNS, SERVICE_SUBCATEGORY_PARENT, type FocusColumn } from './columns/focus-1.2-columns.js';
export { checkRows, type CheckOptions } from './conformance/conformance-checker.js';
export { type FocusVersion } from './conformance/focus-versions.js';
export { type Cell } from './conformance/cells.js';
export { csvRows } from './conformance/csv-rows.js';
export { parquetRows } from './conformance/parquet-rows.js';
export { type Violation, type ConformanceReport } from './conformance/violation.js';
export {
  validateFile,
  validateCsv,
  validateParquet,
  formatOfFile,
  FocusFileError,
  type FocusFileFormat,
  type ValidateFileOptions,
} from './conformance/validate-file.js';
