/** Renders the error catalog as the table in docs/errors.md (the sync test compares the two). */
import { errorCatalog } from './error-catalog.js';

export const ERRORS_DOC_BEGIN = '<!-- BEGIN GENERATED: error catalog (packages/server/src/platform/errors/error-catalog.ts) -->';
export const ERRORS_DOC_END = '<!-- END GENERATED -->';

export function renderErrorCatalogTable(): string {
  const rows = Object.entries(errorCatalog).map(
    ([name, e]) => `| ${e.status} | \`${e.errorCode}\` | ${e.message} | \`${name}\` | ${e.when.replace(/\|/g, '\\|')} |`,
  );
  return ['| Status | errorCode | message | Catalog name | When |', '|---|---|---|---|---|', ...rows].join('\n');
}
