import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snippetsOf } from '../../scripts/doc-snippets';

/** docs/clients.md quotes the code the client tests run; a quote that drifts fails here. */
const root = join(__dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'clients.md'), 'utf8');
const snippets = snippetsOf(doc, root);

describe('docs/clients.md', () => {
  it('has a fenced block under every snippet marker', () => {
    expect(snippets.length).toBe(doc.match(/<!-- snippet: /g)?.length);
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  it.each(snippets.map((s) => [s.source, s] as const))('quotes %s as it is (npm run docs:clients)', (_source, snippet) => {
    expect(snippet.quoted).toBe(snippet.expected);
  });

  it('quotes every client example', () => {
    const examples = readdirSync(join(root, 'examples', 'clients')).map((file) => `examples/clients/${file}`);
    expect(snippets.map((s) => s.source)).toEqual(expect.arrayContaining(examples));
  });
});
