/** The `?effectiveFrom=` that picks the one version a DELETE removes, read as a body's times are. */
import { queryIssue } from '../../../platform/errors/index.js';
import { parseTime } from './body-reader.js';

export function versionStart(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = parseTime(text);
  if (typeof parsed === 'string') throw queryIssue('effectiveFrom', parsed);
  return parsed;
}
