/** The keys FOCUS 1.2 defines for SkuPriceDetails, with their value types; any other key must start with `x_`. */
import type { KeyValueObject } from './key-value-format.js';

const DEFINED_KEYS: Readonly<Record<string, 'number' | 'string'>> = {
  CoreCount: 'number',
  DiskMaxIops: 'number',
  DiskSpace: 'number',
  DiskType: 'string',
  GpuCount: 'number',
  InstanceType: 'string',
  InstanceSeries: 'string',
  MemorySize: 'number',
  NetworkMaxIops: 'number',
  NetworkMaxThroughput: 'number',
  OperatingSystem: 'string',
  Redundancy: 'string',
  StorageClass: 'string',
};

/** Why each key of a SkuPriceDetails object is wrong (empty when none is). */
export function skuPriceDetailsProblems(details: KeyValueObject): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    const type = DEFINED_KEYS[key];
    if (type === undefined) {
      if (!key.startsWith('x_')) problems.push(`'${key}' is not a FOCUS-defined SkuPriceDetails key: custom keys start with 'x_'`);
    } else if (value !== null && typeof value !== type) {
      problems.push(`'${key}' takes a ${type}, not ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
