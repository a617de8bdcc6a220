/** docs/errors.md carries exactly the error catalog: the generator script's check finds nothing to change (regenerate with npm run docs). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC, errorsDocIsCurrent, writeErrorsDoc } from '../../src/scripts/write-errors-doc.js';

describe('docs/errors.md', () => {
  it('carries the error catalog as it is', () => {
    expect(errorsDocIsCurrent()).toBe(true);
  });

  it('is found stale when the table differs, and rewritten by the script', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'consumo-errors-doc-'));
    try {
      const copy = path.join(dir, 'errors.md');
      writeFileSync(copy, readFileSync(ERRORS_DOC, 'utf8').replace('HPE_GL_ERROR_NOT_FOUND', 'HPE_GL_ERROR_LOST'));
      expect(errorsDocIsCurrent(copy)).toBe(false);
      writeErrorsDoc(copy);
      expect(readFileSync(copy, 'utf8')).toBe(readFileSync(ERRORS_DOC, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
