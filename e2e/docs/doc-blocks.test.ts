/** How the shell examples are found: which blocks, where, whether they call the API, which markers exempt them. */
import { describe, expect, it } from 'vitest';
import { shellBlocks, variablesUsed } from './doc-blocks.js';

const md = (...lines: string[]) => lines.join('\n');

describe('shellBlocks', () => {
  it('finds sh, bash and shell blocks in order, with the line of the opening fence, and tells API calls apart', () => {
    const { blocks, problems } = shellBlocks(
      'x.md',
      md(
        '# Title',
        '```sh',
        'npm ci && npm start',
        '```',
        '```json',
        '{"curl": 1}',
        '```',
        '```bash',
        "curl -s 'http://127.0.0.1:8080/flex/v1beta1/orders'",
        '```',
        '```shell',
        'npx consumo roles',
        '```',
        '```',
        'curl in a block without a language',
        '```',
      ),
    );
    expect(problems).toEqual([]);
    expect(blocks.map((b) => [b.line, b.callsApi, b.notRun])).toEqual([
      [2, false, undefined],
      [8, true, undefined],
      [11, true, undefined],
    ]);
    expect(blocks[1]!.text).toBe("curl -s 'http://127.0.0.1:8080/flex/v1beta1/orders'");
  });

  it('a marker on the last non-blank line before the fence exempts the block, with its reason', () => {
    const { blocks, problems } = shellBlocks(
      'x.md',
      md('<!-- doc-examples: not run (starts a server) -->', '', '```sh', 'npx consumo serve', '```', '```sh', 'npx consumo token', '```'),
    );
    expect(problems).toEqual([]);
    expect(blocks.map((b) => b.notRun)).toEqual(['starts a server', undefined]);
  });

  it('a marker followed by text, by another kind of block or by nothing, and a misspelt marker, are problems', () => {
    const { blocks, problems } = shellBlocks(
      'x.md',
      md(
        '<!-- doc-examples: not run (a) -->',
        'Some text.',
        '```sh',
        'npx consumo serve',
        '```',
        '<!-- doc-examples: not run (b) -->',
        '```json',
        '{}',
        '```',
        '<!-- doc-examples: skip -->',
        '```sh',
        'curl x',
        '```',
        '<!-- doc-examples: not run () -->',
        '<!-- doc-examples: not run (c) -->',
      ),
    );
    expect(blocks.map((b) => b.notRun)).toEqual([undefined, undefined]);
    expect(problems).toEqual([
      'x.md:1: a doc-examples marker must directly precede a ```sh block',
      'x.md:6: a doc-examples marker must directly precede a ```sh block',
      'x.md:10: not a doc-examples marker: <!-- doc-examples: skip --> (expected <!-- doc-examples: not run (REASON) -->)',
      'x.md:14: not a doc-examples marker: <!-- doc-examples: not run () --> (expected <!-- doc-examples: not run (REASON) -->)',
      'x.md:15: a doc-examples marker must directly precede a ```sh block',
    ]);
  });

  it('a longer fence holds a shorter one', () => {
    const { blocks } = shellBlocks('x.md', md('````md', '```sh', 'curl x', '```', '````', '```sh', 'curl y', '```'));
    expect(blocks.map((b) => b.text)).toEqual(['curl y']);
  });
});

describe('variablesUsed', () => {
  it('lists $NAME and ${NAME}, not what the block assigns, not $( or $.path', () => {
    const text = md(
      'NEW=$(npx consumo clients create --workspace $WS --json | node -pe "1")',
      'curl -H "Authorization: Bearer $TOKEN" "${CONSUMO_URL}/x/$NEW" -d \'{"valueProperty":"$.cu","key":"\'$KEY\'"}\'',
    );
    expect(variablesUsed(text).sort()).toEqual(['CONSUMO_URL', 'KEY', 'TOKEN', 'WS']);
  });
});
