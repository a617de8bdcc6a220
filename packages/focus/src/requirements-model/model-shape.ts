/** The shape of a FOCUS requirements model (the FinOps Foundation's machine-readable rules), as published and as Consumo encodes it. */
// The FOCUS requirements model (FOCUS_Spec specification/requirements_model/, CC BY 4.0): the assembled
// `model-<version>.json` has the top-level keys Details, ApplicabilityCriteria, CheckFunctions,
// ModelDatasets and ModelRules (an object keyed by rule id); the source tree has the same content split
// into model_details.json, applicability_criteria.json, check_functions.json, model_datasets.json and
// model_rules/**/*.json (each an object of rules keyed by id). See docs/adr/0024-focus-requirements-model.md.

/** A node of a Requirement or Condition tree: `{CheckFunction, …arguments}`; `{}` is "always". */
export interface CheckNode {
  CheckFunction?: string;
  Items?: CheckNode[];
  ModelRuleId?: string;
  ColumnName?: string;
  Value?: unknown;
  [argument: string]: unknown;
}

export interface ValidationCriteria {
  MustSatisfy: string;
  Keyword: string;
  Requirement: CheckNode;
  Condition: CheckNode;
  Dependencies: string[];
}

export interface ModelRule {
  Function: string;
  Reference: string;
  EntityType: string;
  Notes?: string;
  ModelVersionIntroduced?: string;
  Status?: string;
  ApplicabilityCriteria: string[];
  Order?: number;
  DatasetId?: string;
  Type: 'Static' | 'Dynamic' | string;
  ValidationCriteria: ValidationCriteria;
  [other: string]: unknown;
}

export interface RequirementsModel {
  Details: { ModelVersion: string; FOCUSVersion: string; [other: string]: unknown };
  ApplicabilityCriteria: Record<string, { Description: string }>;
  CheckFunctions: Record<string, { Description?: string; Arguments?: unknown[]; [other: string]: unknown }>;
  ModelDatasets: Record<string, { ModelRules: string[] }>;
  ModelRules: Record<string, ModelRule>;
}

/** A model that cannot be used as loaded: a missing part, a rule referring to no rule, a dependency cycle. */
export class RequirementsModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequirementsModelError';
  }
}
