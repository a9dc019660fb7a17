import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultTables, syncTables, tablesOf } from '../../bench/doc-tables';

const root = join(__dirname, '..', '..');

describe('docs/performance.md quotes the benchmark results', () => {
  it('every table with a header from bench/results is that table, row for row', () => {
    const sync = syncTables(readFileSync(join(root, 'docs', 'performance.md'), 'utf8'), resultTables(join(root, 'bench', 'results')));
    expect(sync.drifted).toEqual([]);
    // Calls and bytes, overhead, throughput (4 tables), growth (2), start: all quoted.
    expect(sync.sourced.length).toBeGreaterThanOrEqual(10);
  });
});

describe('syncTables', () => {
  const source = ['| a | b |', '|---|---|', '| 1 | 2 |', '| 3 | 4 |'];
  const document = ['# Title', '', '| a | b |', '|---|---|', '| 9 | 9 |', '', 'Text.', '', '| own | table |', '|---|---|', '| x | y |', ''].join('\n');

  it('replaces a table whose header has a source and leaves the others', () => {
    const sync = syncTables(document, new Map([[source[0]!, source]]));
    expect(sync.sourced).toEqual(['| a | b |']);
    expect(sync.drifted).toEqual(['| a | b |']);
    expect(sync.text).toBe(['# Title', '', ...source, '', 'Text.', '', '| own | table |', '|---|---|', '| x | y |', ''].join('\n'));
    expect(syncTables(sync.text, new Map([[source[0]!, source]])).drifted).toEqual([]);
  });

  it('finds tables by their header line, and refuses two tables with one header', () => {
    expect([...tablesOf(document).keys()]).toEqual(['| a | b |', '| own | table |']);
    expect(() => tablesOf(`${document}\n| a | b |\n|---|---|\n| 5 | 6 |\n`)).toThrow(/two tables share the header/);
  });
});
