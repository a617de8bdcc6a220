/** @consumo/focus public surface: the FOCUS 1.0, 1.2 and 1.3 column specifications and the conformance checker with its CSV and Parquet readers. */
export { FOCUS_1_0_COLUMNS } from './columns/focus-1.0-columns.js';
export { FOCUS_1_2_COLUMNS, SERVICE_SUBCATEGORY_PARENT, type FocusColumn } from './columns/focus-1.2-columns.js';
export {
  FOCUS_1_3_COLUMNS,
  FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS,
  type Focus13Column,
  type FocusDataset,
  type FocusNullRule,
} from './columns/focus-1.3-columns.js';
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
export {
  validateFileWithModel,
  validateCsvWithModel,
  validateRowsWithModel,
  ModelValidator,
  type ModelValidationOptions,
  type ModelValidationReport,
} from './requirements-model/model-validation.js';
export { type RuleVerdict, type Severity, type RuleStatus, type SkipReason, type OffendingRow, ModelChecker } from './requirements-model/model-engine.js';
export { loadRequirementsModel, loadAssembledModel, loadModelFolder, bundledModel, MODEL_FOCUS_VERSIONS, type ModelFocusVersion } from './requirements-model/model-loader.js';
export { type RequirementsModel, type ModelRule, RequirementsModelError } from './requirements-model/model-shape.js';
export { resolveApplicability, CONSUMO_APPLICABILITY, ApplicabilityError } from './requirements-model/applicability-profile.js';
export { IMPLEMENTED_CHECK_FUNCTIONS } from './requirements-model/check-functions.js';
