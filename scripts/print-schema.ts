// Writes the sorted SDL to schema/schema.graphql (the public contract). With --check, fails when the committed
// file differs from what the code builds, so the contract can never drift silently.
import { readFile, writeFile } from 'node:fs/promises';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../api/src/graphql/schema.ts';

const target = new URL('../schema/schema.graphql', import.meta.url);
const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema/schema.graphql is out of date with the code: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('schema/schema.graphql matches the code.');
} else {
  await writeFile(target, printed);
  console.log('wrote schema/schema.graphql');
}
