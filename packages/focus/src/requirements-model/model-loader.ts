/** Loads a FOCUS requirements model: an assembled model-<version>.json, or a folder of its source files, or the one bundled for a FOCUS version. */
// Either shape loads to the same RequirementsModel, so the official assembled file (or the official
// source folder) can replace Consumo's encoding under packages/focus/model/<version>/ without a code
// change. Nothing is fetched: the bundled models are files of this package.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ModelRule, type RequirementsModel, RequirementsModelError } from './model-shape.js';

/** The FOCUS versions a model is bundled for. */
export const MODEL_FOCUS_VERSIONS = ['1.2', '1.3'] as const;
export type ModelFocusVersion = (typeof MODEL_FOCUS_VERSIONS)[number];

/** packages/focus/model (one level above both src/ and dist/). */
export const BUNDLED_MODELS_DIR = fileURLToPath(new URL('../../model/', import.meta.url));

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RequirementsModelError(`cannot read the requirements model file ${file}: ${(err as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function part<T>(holder: unknown, key: string, where: string): T {
  if (!isObject(holder) || !isObject(holder[key])) throw new RequirementsModelError(`${where} has no '${key}' object`);
  return holder[key] as T;
}

/** Every *.json under a folder, sorted, depth first. */
function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full));
    else if (name.endsWith('.json')) out.push(full);
  }
  return out;
}

function checkRules(rules: Record<string, ModelRule>, where: string): void {
  for (const [id, rule] of Object.entries(rules)) {
    if (!isObject(rule) || !isObject(rule.ValidationCriteria)) throw new RequirementsModelError(`${where}: rule ${id} has no ValidationCriteria`);
    const vc = rule.ValidationCriteria;
    if (!Array.isArray(rule.ApplicabilityCriteria)) rule.ApplicabilityCriteria = [];
    if (!isObject(vc.Requirement)) vc.Requirement = {};
    if (!isObject(vc.Condition)) vc.Condition = {};
    if (!Array.isArray(vc.Dependencies)) vc.Dependencies = [];
  }
}

/** An assembled model file (`model-1.3.json`). */
export function loadAssembledModel(file: string): RequirementsModel {
  const data = readJson(file);
  const model: RequirementsModel = {
    Details: part(data, 'Details', file),
    ApplicabilityCriteria: part(data, 'ApplicabilityCriteria', file),
    CheckFunctions: part(data, 'CheckFunctions', file),
    ModelDatasets: part(data, 'ModelDatasets', file),
    ModelRules: part(data, 'ModelRules', file),
  };
  checkRules(model.ModelRules, file);
  return model;
}

/** A source folder: model_details.json, applicability_criteria.json, check_functions.json, model_datasets.json and model_rules/**. */
export function loadModelFolder(dir: string): RequirementsModel {
  const at = (name: string) => readJson(path.join(dir, name));
  const rulesDir = path.join(dir, 'model_rules');
  let files: string[];
  try {
    files = jsonFiles(rulesDir);
  } catch (err) {
    throw new RequirementsModelError(`cannot read the rules folder ${rulesDir}: ${(err as Error).message}`);
  }
  const rules: Record<string, ModelRule> = {};
  for (const file of files) {
    const data = readJson(file);
    if (!isObject(data)) throw new RequirementsModelError(`${file} is not an object of rules keyed by id`);
    for (const [id, rule] of Object.entries(data)) {
      if (id in rules) throw new RequirementsModelError(`the rule ${id} is defined twice (again in ${file})`);
      rules[id] = rule as ModelRule;
    }
  }
  const model: RequirementsModel = {
    Details: part(at('model_details.json'), 'Details', 'model_details.json'),
    ApplicabilityCriteria: part(at('applicability_criteria.json'), 'ApplicabilityCriteria', 'applicability_criteria.json'),
    CheckFunctions: part(at('check_functions.json'), 'CheckFunctions', 'check_functions.json'),
    ModelDatasets: part(at('model_datasets.json'), 'ModelDatasets', 'model_datasets.json'),
    ModelRules: rules,
  };
  checkRules(model.ModelRules, dir);
  return model;
}

/** A path: an assembled .json file or a source folder. */
export function loadRequirementsModel(location: string): RequirementsModel {
  let isDir: boolean;
  try {
    isDir = statSync(location).isDirectory();
  } catch (err) {
    throw new RequirementsModelError(`cannot read the requirements model at ${location}: ${(err as Error).message}`);
  }
  return isDir ? loadModelFolder(location) : loadAssembledModel(location);
}

const bundled = new Map<ModelFocusVersion, RequirementsModel>();

/**
 * The model bundled for a FOCUS version: packages/focus/model/<version>/model-<version>.json when the
 * official assembled file is there, else the source folder packages/focus/model/<version>/.
 */
export function bundledModel(version: ModelFocusVersion): RequirementsModel {
  let model = bundled.get(version);
  if (!model) {
    const dir = path.join(BUNDLED_MODELS_DIR, version);
    const assembled = path.join(dir, `model-${version}.json`);
    let hasAssembled = false;
    try {
      hasAssembled = statSync(assembled).isFile();
    } catch {
      hasAssembled = false;
    }
    model = hasAssembled ? loadAssembledModel(assembled) : loadModelFolder(dir);
    bundled.set(version, model);
  }
  return model;
}
