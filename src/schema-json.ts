/**
 * JSON Schemas of the file formats, generated from the zod schemas (so they never drift), for other apps and
 * editors to validate criteria and evidence files.
 * @module
 */
import { z } from 'zod';
import { CriteriaSetSchema } from './criteria/schema.js';
import { EvidenceFileSchema } from './evidence/schema.js';

/**
 * The JSON Schema (draft 2020-12) of a file format, describing what may be written (input side: numbers may be
 * given as text with a decimal comma).
 *
 * @example JSON.stringify(jsonSchema('criteria'), null, 2)
 */
export function jsonSchema(kind: 'criteria' | 'evidence'): Record<string, unknown> {
  const schema = kind === 'criteria' ? CriteriaSetSchema : EvidenceFileSchema;
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...out,
    $id: `https://par-index.invalid/schema/${kind}.schema.json`,
    title:
      kind === 'criteria'
        ? 'par-index criteria set (bộ tiêu chí), format par-index/criteria@1'
        : 'par-index evidence (minh chứng), format par-index/evidence@1',
  };
}
