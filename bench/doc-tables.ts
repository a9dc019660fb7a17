import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keeps the tables of docs/performance.md equal to the benchmark results they quote: a table in
 * the document whose header line is the header line of a table in `bench/results/*.md` is that
 * table, row for row. Tables with headers of their own (before/after comparisons, targets) are
 * the document's and are left alone.
 *
 * `npm run bench:docs` copies the results' tables into the document after `npm run bench`;
 * `npm run bench:docs -- --check` (and test/unit/performance-doc-tables.test.ts) fails on any
 * table that differs.
 */
export interface TableSync {
  /** The document with every sourced table replaced by its source. */
  text: string;
  /** Header lines of the document's tables that have a source. */
  sourced: string[];
  /** Header lines of the sourced tables whose rows differed from their source. */
  drifted: string[];
}

/** Each markdown table in `markdown` by its header line: the header, the separator and its rows. */
export function tablesOf(markdown: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  const lines = markdown.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isRow(lines[i]!) || !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i + 1]!) || (i > 0 && isRow(lines[i - 1]!))) continue;
    let end = i + 2;
    while (end < lines.length && isRow(lines[end]!)) end += 1;
    if (tables.has(lines[i]!)) throw new Error(`two tables share the header ${lines[i]}`);
    tables.set(lines[i]!, lines.slice(i, end));
  }
  return tables;
}

export function syncTables(document: string, sources: ReadonlyMap<string, string[]>): TableSync {
  const lines = document.split('\n');
  const out: string[] = [];
  const sourced: string[] = [];
  const drifted: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const source = sources.get(lines[i]!);
    if (!source || (i > 0 && isRow(lines[i - 1]!))) {
      out.push(lines[i]!);
      continue;
    }
    let end = i + 1;
    while (end < lines.length && isRow(lines[end]!)) end += 1;
    sourced.push(lines[i]!);
    if (lines.slice(i, end).join('\n') !== source.join('\n')) drifted.push(lines[i]!);
    out.push(...source);
    i = end - 1;
  }
  return { text: out.join('\n'), sourced, drifted };
}

/** Every table of every `bench/results/*.md`, by header line. */
export function resultTables(resultsDir: string): Map<string, string[]> {
  const all = new Map<string, string[]>();
  for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.md')).sort()) {
    for (const [header, table] of tablesOf(readFileSync(join(resultsDir, file), 'utf8'))) {
      if (all.has(header)) throw new Error(`${file}: a table with the header ${header} is in another result too`);
      all.set(header, table);
    }
  }
  return all;
}

function isRow(line: string): boolean {
  return line.startsWith('|');
}

if (require.main === module) {
  const root = join(__dirname, '..');
  const docPath = join(root, 'docs', 'performance.md');
  const sync = syncTables(readFileSync(docPath, 'utf8'), resultTables(join(__dirname, 'results')));
  if (process.argv.includes('--check')) {
    for (const header of sync.drifted) process.stderr.write(`docs/performance.md: this table differs from bench/results: ${header}\n`);
    process.exitCode = sync.drifted.length > 0 ? 1 : 0;
  } else {
    writeFileSync(docPath, sync.text);
    process.stdout.write(`docs/performance.md: ${sync.sourced.length} tables from bench/results, ${sync.drifted.length} of them updated\n`);
  }
}
