import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printTributarySchema } from '../src/schema/build-schema';

/**
 * Writes `schema/schema.graphql` from the resolvers, or with `--check` fails when the
 * committed file differs (CI's drift check).
 */
const target = join(__dirname, '..', 'schema', 'schema.graphql');
const printed = printTributarySchema();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    committed = '';
  }
  if (committed !== printed) {
    process.stderr.write('schema/schema.graphql is out of date with the resolvers: run `npm run schema:emit` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('schema/schema.graphql is current.\n');
} else {
  writeFileSync(target, printed);
  process.stdout.write(`Wrote ${target.replace(process.cwd() + '/', '')}\n`);
}
