/** Renders the error catalog as the table in docs/errors.md (scripts/write-errors-doc.ts writes it; a test checks it). */
import { errorCatalog } from './error-catalog.js';

export const ERRORS_DOC_BEGIN = '<!-- BEGIN GENERATED: error catalog (packages/server/src/platform/errors/error-catalog.ts) -->';
export const ERRORS_DOC_END = '<!-- END GENERATED -->';

export function renderErrorCatalogTable(): string {
  const rows = Object.entries(errorCatalog).map(
    ([name, e]) => `| ${e.status} | \`${e.errorCode}\` | ${e.message} | \`${name}\` | ${e.when.replace(/\|/g, '\\|')} |`,
  );
  return ['| Status | errorCode | message | Catalog name | When |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** docs/errors.md's text with the generated part replaced by the catalog as it is now. */
export function withErrorCatalog(docText: string): string {
  const start = docText.indexOf(ERRORS_DOC_BEGIN);
  const end = docText.indexOf(ERRORS_DOC_END);
  if (start < 0 || end < start) throw new Error(`docs/errors.md lacks the markers ${ERRORS_DOC_BEGIN} … ${ERRORS_DOC_END}`);
  return `${docText.slice(0, start + ERRORS_DOC_BEGIN.length)}\n${renderErrorCatalogTable()}\n${docText.slice(end)}`;
}
