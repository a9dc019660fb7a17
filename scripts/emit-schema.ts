import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildTributarySchema, printTributarySchema, printTributarySubgraph } from '../src/schema/build-schema';

/**
 * Writes `schema/schema.graphql` (the API, sorted) and `schema/subgraph.graphql` (the
 * Federation 2 subgraph SDL) from the resolvers, or with `--check` fails when a committed file
 * differs (CI's drift check).
 */
const schema = buildTributarySchema();
const files = [
  { path: join(__dirname, '..', 'schema', 'schema.graphql'), text: printTributarySchema(schema) },
  { path: join(__dirname, '..', 'schema', 'subgraph.graphql'), text: printTributarySubgraph(schema) },
];
const check = process.argv.includes('--check');
let drift = false;
for (const file of files) {
  const name = relative(process.cwd(), file.path);
  if (!check) {
    writeFileSync(file.path, file.text);
    process.stdout.write(`Wrote ${name}\n`);
    continue;
  }
  let committed = '';
  try {
    committed = readFileSync(file.path, 'utf8');
  } catch {
    committed = '';
  }
  if (committed !== file.text) {
    process.stderr.write(`${name} is out of date with the resolvers: run \`npm run schema:emit\` and commit it.\n`);
    drift = true;
  } else {
    process.stdout.write(`${name} is current.\n`);
  }
}
if (drift) process.exit(1);
