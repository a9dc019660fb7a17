import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The GraphQL examples of the project's Markdown, as a reader sees them:
 * - every ```graphql block, with variables from a ```json block right after it (only blank
 *   lines, or a short paragraph that mentions "variables", between them);
 * - every `curl … -d '<json body>'` in a ```sh block that posts to /graphql.
 * Markers in an HTML comment on the lines just before a block steer the test:
 * `<!-- docs-test: skip (reason) -->` leaves a block out (the test lists each reason), and
 * `<!-- docs-test: trigger <vendor> down -->` makes a subscription's first event happen by
 * failing that vendor's simulator once the subscription is open.
 */
export interface DocExample {
  /** `README.md:41` */
  where: string;
  source: string;
  variables: Record<string, unknown>;
  skip: string | null;
  /** A simulator to put down once a subscription is open. */
  trigger: string | null;
}

export const ROOT = join(__dirname, '..', '..');

/** README.md and every Markdown file under docs/. */
export function docFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.md') ? [path] : [];
    });
  return [join(ROOT, 'README.md'), ...walk(join(ROOT, 'docs'))];
}

interface Fence {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  body: string;
  /** Lines between the previous fence's end and this one (for markers). */
  before: string[];
  /** Index of the closing fence line. */
  end: number;
}

export function docExamples(file: string): DocExample[] {
  const fences = fencesOf(readFileSync(file, 'utf8'));
  const where = (fence: Fence) => `${relative(ROOT, file)}:${fence.line}`;
  const examples: DocExample[] = [];
  fences.forEach((fence, index) => {
    const markers = markersOf(fence.before);
    if (fence.lang === 'graphql') {
      const next = fences[index + 1];
      const variables = next?.lang === 'json' && isVariablesGap(next.before) ? parseJson(next.body, where(next)) : {};
      examples.push({ where: where(fence), source: fence.body, variables: variables as Record<string, unknown>, ...markers });
    } else if (fence.lang === 'sh') {
      for (const match of fence.body.matchAll(/curl[^\n]*\/graphql[\s\S]*?-d\s+'([^']*)'/g)) {
        const body = parseJson(match[1]!, where(fence)) as { query?: string; variables?: Record<string, unknown> };
        if (typeof body.query !== 'string') throw new Error(`${where(fence)}: a curl example posts no "query"`);
        examples.push({ where: where(fence), source: body.query, variables: body.variables ?? {}, ...markers });
      }
    }
  });
  return examples;
}

function fencesOf(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const fences: Fence[] = [];
  let previousEnd = -1;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (close < 0) throw new Error(`unclosed fence at line ${i + 1}`);
    fences.push({ lang: open[1]!, line: i + 1, body: lines.slice(i + 1, close).join('\n'), before: lines.slice(previousEnd + 1, i), end: close });
    previousEnd = close;
    i = close;
  }
  return fences;
}

/** Markers in the comment lines right above a block (blank lines allowed between). */
function markersOf(before: string[]): { skip: string | null; trigger: string | null } {
  const tail: string[] = [];
  for (let i = before.length - 1; i >= 0 && (before[i]!.trim() === '' || before[i]!.trim().startsWith('<!--')); i--) tail.push(before[i]!);
  const text = tail.join('\n');
  const skip = /<!--\s*docs-test:\s*skip\s*\(([^)]+)\)\s*-->/.exec(text)?.[1] ?? null;
  const trigger = /<!--\s*docs-test:\s*trigger\s+(\w+)\s+down\s*-->/.exec(text)?.[1] ?? null;
  return { skip, trigger };
}

function isVariablesGap(between: string[]): boolean {
  const text = between.filter((line) => line.trim() !== '' && !line.trim().startsWith('<!--'));
  return text.length === 0 || (text.length <= 4 && /variables/i.test(text.join(' ')));
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
