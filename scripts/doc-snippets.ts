import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Code in docs/clients.md is quoted, never retyped: a `<!-- snippet: <path>[#<region>] -->`
 * line names a file of the repository (or a `// #region <name>` … `// #endregion <name>` part
 * of it), and the fenced block under it must hold exactly that text. The files are the ones
 * the tests run, so a snippet that stops working fails a test, and one that drifts from its
 * file fails test/unit/doc-snippets.test.ts. `npm run docs:clients` rewrites the blocks.
 */
export interface Snippet {
  /** `examples/clients/apollo.client.ts` or `test/clients/apollo.client.test.ts#fetch-more` */
  source: string;
  /** What the fenced block holds now. */
  quoted: string;
  /** What the source says it should hold. */
  expected: string;
}

const MARKER = /^<!-- snippet: (\S+) -->\n```[a-z]*\n([\s\S]*?)```$/gm;

/** Every snippet of a markdown text, with what its source says it should hold. */
export function snippetsOf(markdown: string, root: string): Snippet[] {
  return [...markdown.matchAll(MARKER)].map(([, source, quoted]) => ({ source: source!, quoted: quoted!, expected: sourceText(root, source!) }));
}

/** The markdown with every snippet's block replaced by its source's current text. */
export function withCurrentSnippets(markdown: string, root: string): string {
  return markdown.replace(MARKER, (_block, source: string) => {
    const fence = source.endsWith('.graphql') ? 'graphql' : 'ts';
    return `<!-- snippet: ${source} -->\n\`\`\`${fence}\n${sourceText(root, source)}\`\`\``;
  });
}

/** A whole file, or one region of it with the region's common indentation taken off. */
export function sourceText(root: string, source: string): string {
  const [path, region] = source.split('#') as [string, string | undefined];
  const text = readFileSync(join(root, path), 'utf8');
  if (!region) return text;
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line) => line.trim() === `// #endregion ${region}`);
  if (start < 0 || end < start) throw new Error(`${path} has no region "${region}" (// #region ${region} … // #endregion ${region})`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return body.map((line) => line.slice(indent)).join('\n') + '\n';
}

if (require.main === module) {
  const root = join(__dirname, '..');
  const doc = join(root, 'docs', 'clients.md');
  writeFileSync(doc, withCurrentSnippets(readFileSync(doc, 'utf8'), root));
  process.stdout.write('Wrote docs/clients.md\n');
}
