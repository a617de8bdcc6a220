/**
 * The shell examples of the README and docs/: every fenced ```sh block, in document order, with
 * whether it calls the API (it runs `curl` or `npx consumo`) and whether a marker exempts it.
 *
 * A block is exempt when the last non-blank line before its opening fence is
 *   <!-- doc-examples: not run (REASON) -->
 * Anything else that looks like such a marker (a typo, no reason, no block after it) is a problem.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface DocBlock {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The lines between the fences. */
  text: string;
  callsApi: boolean;
  /** The REASON of a marker before the block, if there is one. */
  notRun?: string;
}

export interface ExtractedDocs {
  blocks: DocBlock[];
  /** Markers that are malformed or exempt no block, as `file:line: what`. */
  problems: string[];
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell']);
const MARKER = /^<!--\s*doc-examples:\s*not run\s*\((.*\S.*)\)\s*-->$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;

export const callsApi = (text: string) => /\bcurl\b/.test(text) || /\bnpx\s+consumo\b/.test(text);

/** The shell blocks of one Markdown text. */
export function shellBlocks(file: string, markdown: string): ExtractedDocs {
  const lines = markdown.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  const problems: string[] = [];
  let pending: { line: number; reason: string } | undefined;
  const orphan = () => {
    if (pending) problems.push(`${file}:${pending.line}: a doc-examples marker must directly precede a \`\`\`sh block`);
    pending = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const [, mark, lang] = fence;
      const close = new RegExp(`^ {0,3}${mark![0] === '`' ? '`' : '~'}{${mark!.length},}\\s*$`);
      let end = i + 1;
      while (end < lines.length && !close.test(lines[end]!)) end++;
      if (SHELL_LANGS.has(lang!.toLowerCase())) {
        const text = lines.slice(i + 1, end).join('\n');
        blocks.push({ file, line: i + 1, text, callsApi: callsApi(text), ...(pending && { notRun: pending.reason }) });
        pending = undefined;
      } else orphan();
      i = end;
      continue;
    }
    if (line.trim() === '') continue;
    const marker = MARKER.exec(line.trim());
    orphan();
    if (marker) pending = { line: i + 1, reason: marker[1]!.trim() };
    else if (/doc-examples/.test(line)) problems.push(`${file}:${i + 1}: not a doc-examples marker: ${line.trim()} (expected <!-- doc-examples: not run (REASON) -->)`);
  }
  orphan();
  return { blocks, problems };
}

/** README.md, then every Markdown file under docs/ in path order. */
export function docFiles(repo: string): string[] {
  const docs = (readdirSync(path.join(repo, 'docs'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f.split(path.sep).join('/')}`)
    .sort();
  return ['README.md', ...docs];
}

export function extractDocBlocks(repo: string): ExtractedDocs {
  const all: ExtractedDocs = { blocks: [], problems: [] };
  for (const file of docFiles(repo)) {
    const { blocks, problems } = shellBlocks(file, readFileSync(path.join(repo, file), 'utf8'));
    all.blocks.push(...blocks);
    all.problems.push(...problems);
  }
  return all;
}

/** The `$NAME` and `${NAME}` a block reads and does not assign itself. */
export function variablesUsed(text: string): string[] {
  const used = new Set([...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  for (const m of text.matchAll(/(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=/gm)) used.delete(m[1]!);
  return [...used];
}
