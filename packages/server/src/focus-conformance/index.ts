/** FOCUS conformance checking: the rule engine, its CSV and Parquet readers, and the file-level entry point. */
export { ConformanceChecker, checkRows, type CheckOptions } from './conformance-checker.js';
export { type CostTolerance, DEFAULT_COST_TOLERANCE } from './cost-rules.js';
export { type FocusVersion, FOCUS_VERSIONS, DEFAULT_FOCUS_VERSION, isFocusVersion } from './focus-versions.js';
export { type Cell } from './cells.js';
export { csvRows, CsvSyntaxError } from './csv-rows.js';
export { parquetRows, type ParquetReadOptions } from './parquet-rows.js';
export { DEFAULT_MAX_VIOLATIONS } from './violation-collector.js';
export { RULE_IDS, type RuleId, type Violation, type ConformanceReport, type ConformanceSummary } from './violation.js';
export {
  validateFile,
  validateCsv,
  validateParquet,
  formatOfFile,
  FocusFileError,
  FOCUS_FILE_FORMATS,
  type FocusFileFormat,
  type ValidateFileOptions,
} from './validate-file.js';
