/** docs/errors.md must list exactly the error catalog; regenerate with UPDATE_DOCS=1 npx vitest run errors-doc. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC_BEGIN, ERRORS_DOC_END, renderErrorCatalogTable } from '../../src/platform/errors/errors-doc.js';

const doc = fileURLToPath(new URL('../../../../docs/errors.md', import.meta.url));

describe('docs/errors.md', () => {
  it('carries the error catalog, generated, unchanged', () => {
    const text = readFileSync(doc, 'utf8');
    const start = text.indexOf(ERRORS_DOC_BEGIN);
    const end = text.indexOf(ERRORS_DOC_END);
    expect(start, 'begin marker').toBeGreaterThanOrEqual(0);
    expect(end, 'end marker').toBeGreaterThan(start);
    const current = text.slice(start + ERRORS_DOC_BEGIN.length, end).trim();
    const expected = renderErrorCatalogTable();
    if (process.env.UPDATE_DOCS === '1' && current !== expected) {
      writeFileSync(doc, `${text.slice(0, start + ERRORS_DOC_BEGIN.length)}\n${expected}\n${text.slice(end)}`);
      return;
    }
    expect(current).toBe(expected);
  });
});
