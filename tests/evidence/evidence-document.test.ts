/**
 * `evidenceDocument`: the evidence an app read once from the year's files and sources, as one evidence@1 document
 * a page can load (issue 26, item 7: the guide's page example scores every leaf from it).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evidenceDocument, loadEvidence } from '../../src/index.js';
import { dossierSource, inspectionSource, readCriteriaSet, readEvidenceSources, surveySource } from '../../src/io/index.js';
import { root } from '../support/paths.js';

const set = readCriteriaSet(`${root}criteria/examples/van-lam-commune-2021.yaml`);
const ev = await readEvidenceSources([`${root}fixtures/van-lam-2021`], { readers: [dossierSource, inspectionSource, surveySource], set });

describe('evidenceDocument', () => {
  it('loads again, as JSON text, into evidence with the same hash and the same scores', () => {
    const doc = evidenceDocument(ev);
    expect(doc.format).toBe('par-index/evidence@1');
    expect('hash' in doc).toBe(false);
    const again = loadEvidence([{ data: JSON.stringify(doc), file: 'evidence.json', syntax: 'json' }]);
    expect(again.hash).toBe(ev.hash);
    const [a, b] = [evaluate(set, ev), evaluate(set, again)];
    expect(b.map((c) => [c.unit.id, c.total, c.index])).toEqual(a.map((c) => [c.unit.id, c.total, c.index]));
    // Every leaf has its evidence from the document as from the files and sources; the only leaf missing is the
    // one the example leaves out on purpose (Tân Quang's 5.2, training.attended not submitted).
    const missing = (cards: typeof a) =>
      cards.flatMap((c) => c.nodes.filter((n) => n.status === 'missing').map((n) => `${c.unit.id} ${n.id}`));
    expect(missing(b)).toEqual(missing(a));
    expect(missing(b)).toEqual(['tan-quang 5.2']);
  });

  it('is frozen and leaves the evidence as it was', () => {
    const before = JSON.stringify(ev);
    const doc = evidenceDocument(ev);
    expect(Object.isFrozen(doc)).toBe(true);
    expect(Object.isFrozen(doc.units[0])).toBe(true);
    expect(JSON.stringify(ev)).toBe(before);
  });
});
