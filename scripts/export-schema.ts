/**
 * Writes the JSON Schemas authors' editors use for autocomplete and checking
 * (scenarios/scenario.schema.json, course.schema.json). `--check` exits 1 when they are out of date.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { schemaFiles } from '../src/lib/content/json-schema';

const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of Object.entries(schemaFiles())) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    console.error(`${file} is out of date: run npm run schema`);
    stale++;
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale ? 1 : 0);
