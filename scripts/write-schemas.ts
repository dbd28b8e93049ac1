/** Writes the JSON Schemas of the formats to schema/ (shipped in the package) and docs/schema/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchema } from '../src/schema-json.js';

for (const kind of ['criteria', 'evidence'] as const) {
  const text = `${JSON.stringify(jsonSchema(kind), null, 2)}\n`;
  for (const dir of ['schema', 'docs/schema']) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${kind}.schema.json`, text);
  }
}
console.log('schema/criteria.schema.json, schema/evidence.schema.json (and copies in docs/schema/) written');
