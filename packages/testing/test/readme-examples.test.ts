/**
 * The README's example tests are the package's test files, verbatim: the ```ts block that follows a
 * `<!-- example: test/NAME.test.ts -->` line (blank lines between allowed) must equal that file, which runs with the suite.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', PACKAGE), 'utf8');

/** [file named by the marker, the text of the ```ts block after it] for every marker. */
function examples(markdown: string): [string, string | undefined][] {
  const found: [string, string | undefined][] = [];
  for (const match of markdown.matchAll(/^<!-- example: (\S+) -->\n/gm)) {
    const rest = markdown.slice(match.index + match[0].length);
    const block = /^\s*```ts\n([\s\S]*?)^```$/m.exec(rest);
    found.push([match[1]!, block?.index === 0 ? block[1] : undefined]);
  }
  return found;
}

describe('packages/testing/README.md', () => {
  const found = examples(readme);

  it('shows the GreenLake client test', () => {
    expect(found.map(([file]) => file)).toContain('test/greenlake-client.test.ts');
  });

  it.each(found)('its block after <!-- example: %s --> is that file, verbatim', (file, block) => {
    expect(block, `a \`\`\`ts block must follow the marker for ${file} directly`).toBeDefined();
    expect(block).toBe(readFileSync(fileURLToPath(new URL(file, PACKAGE)), 'utf8'));
  });

  it('reads the block after a marker, and none when text comes first', () => {
    expect(examples('<!-- example: test/a.test.ts -->\nSome text.\n```ts\nx\n```\n')).toEqual([['test/a.test.ts', undefined]]);
    expect(examples('<!-- example: test/a.test.ts -->\n\n```ts\nconst a = 1;\n```\n')).toEqual([['test/a.test.ts', 'const a = 1;\n']]);
  });
});
