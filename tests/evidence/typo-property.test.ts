/**
 * Issue 20: one character changed in a measure name or a unit id of valid evidence (the Văn Lâm example) never
 * gives a clean result. A measure name the set does not declare stops the run (unknown-measure, with a
 * suggestion); one that happens to be another declared name, and a changed unit id, leave a warning or an error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ParIndexError } from '../../src/core/errors.js';
import type { CriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadEvidence, type EvidenceInput } from '../../src/evidence/load.js';
import { readCriteriaSet } from '../../src/io/criteria-files.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { root } from '../support/paths.js';

const dir = join(root, 'fixtures/van-lam-2021');
let set: CriteriaSet;
// The evidence the descriptors compute (dossiers, surveys, inspection) is read once, as data.
let derived: EvidenceInput;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.source.yaml'))
  .sort()
  .map((f) => ({
    file: f,
    doc: parse(readFileSync(join(dir, f), 'utf8')) as { units: { id: string; measures?: Record<string, unknown> }[] },
  }));

beforeAll(async () => {
  set = readCriteriaSet(join(root, 'criteria/examples/van-lam-commune-2021.yaml'));
  const ev = await readEvidenceSources(
    readdirSync(dir)
      .filter((f) => f.endsWith('.source.yaml'))
      .map((f) => join(dir, f)),
    { set },
  );
  derived = {
    data: { format: 'par-index/evidence@1', year: ev.year, ...(ev.period ? { period: ev.period } : {}), units: ev.units },
    file: 'derived',
  };
}, 120_000);

/** Scores the example with one unit file replaced; the warnings of every card, or the error. */
function outcome(changed: { file: string; doc: unknown } | undefined): { warnings: number } | { error: ParIndexError } {
  try {
    const ev = loadEvidence([
      derived,
      ...files.map((f) => (changed && f.file === changed.file ? { data: changed.doc, file: f.file } : { data: f.doc, file: f.file })),
    ]);
    return { warnings: evaluate(set, ev, { trace: false }).reduce((s, c) => s + c.warnings.length, 0) };
  } catch (e) {
    if (e instanceof ParIndexError) return { error: e };
    throw e;
  }
}

const CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_', 'ă', 'đ', 'ơ'];
const edit = (s: string, at: number, c: string) => `${s.slice(0, at)}${c}${s.slice(at + 1)}`;

describe('one character changed in valid evidence', () => {
  let baseline = 0;
  beforeAll(() => {
    const o = outcome(undefined);
    if (!('warnings' in o)) throw o.error;
    baseline = o.warnings;
  });

  it('in a measure name: an undeclared name stops the run with a suggestion; a declared one leaves a warning', () => {
    const withMeasures = files.filter((f) => Object.keys(f.doc.units[0]!.measures ?? {}).length > 0);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.constantFrom(...CHARS), (fi, mi, ci, c) => {
        const f = withMeasures[fi % withMeasures.length]!;
        const measures = f.doc.units[0]!.measures!;
        const keys = Object.keys(measures);
        const key = keys[mi % keys.length]!;
        const typo = edit(key, ci % key.length, c);
        // A YAML file cannot give one key twice: that is a parse error, not a scoring question.
        fc.pre(typo !== key && !keys.includes(typo));
        const renamed = Object.fromEntries(Object.entries(measures).map(([k, v]) => [k === key ? typo : k, v]));
        const doc = { ...f.doc, units: [{ ...f.doc.units[0]!, measures: renamed }] };
        const o = outcome({ file: f.file, doc });
        if (Object.prototype.hasOwnProperty.call(set.measures, typo)) {
          expect('error' in o || o.warnings > baseline).toBe(true);
        } else {
          expect('error' in o).toBe(true);
          const i = (o as { error: ParIndexError }).error.issues.find((x) => x.path.includes(typo));
          expect(i?.code === 'evidence.unknown-measure' || i?.code.startsWith('schema.')).toBe(true);
          if (i?.code === 'evidence.unknown-measure' && typo.toLowerCase() === key.toLowerCase())
            expect(i.message).toContain(`did you mean "${key}"`);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('in a unit id: an error, or a warning the clean evidence does not have', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom(...CHARS), (fi, ci, c) => {
        const f = files[fi % files.length]!;
        const id = f.doc.units[0]!.id;
        const typo = edit(id, ci % id.length, c);
        fc.pre(typo !== id);
        const o = outcome({ file: f.file, doc: { ...f.doc, units: [{ ...f.doc.units[0]!, id: typo }] } });
        expect('error' in o || o.warnings > baseline).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
