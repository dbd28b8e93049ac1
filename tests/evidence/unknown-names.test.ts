/** Names the criteria set does not declare stop scoring (issue 20), unless the caller asks to be lenient. */
import { describe, expect, it } from 'vitest';
import { checkEvidence, loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { issuesOf, makeEvidence, makeSet, pts } from '../support/support.js';

const set = makeSet([
  {
    id: '1',
    title: 'Lĩnh vực 1',
    max: 10,
    children: [
      { id: '1.1', title: 'Đúng hạn', max: 6, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
      { id: '1.2', title: 'Kế hoạch', max: 2, rule: { kind: 'task', task: 'ke-hoach' } },
      { id: '1.3', title: 'SIPAS', max: 2, rule: { kind: 'survey', index: 'sipas', target: 90 } },
    ],
  },
]);
const unit = { measures: { onTime: 9, resolved: 10 }, tasks: { 'ke-hoach': { done: '2021-01-10' } }, surveys: { sipas: 95 } };

describe('unknown names in evidence', () => {
  it('a measure typed with the wrong case is an error with a suggestion', () => {
    const ev = makeEvidence([{ ...unit, measures: { ontime: 9, resolved: 10 } }]);
    const [i] = issuesOf(() => evaluate(set, ev));
    expect(i).toMatchObject({ code: 'evidence.unknown-measure', severity: 'error', unit: 'u1', path: ['units', 0, 'measures', 'ontime'] });
    expect(i!.message).toMatch(/did you mean "onTime"\?/);
    expect(i!.messageVi).toMatch(/có phải là "onTime"\?/);
  });
  it('an unknown task, survey index or node is an error', () => {
    const ev = makeEvidence([
      {
        ...unit,
        tasks: { 'ke-hoach': { done: '2021-01-10' }, kehoach: { done: '2021-01-10' } },
        surveys: { sipas: 95, Sipas: 90 },
        appraisals: { '1.4': { round1: 1 } },
      },
    ]);
    const codes = issuesOf(() => evaluate(set, ev)).map((i) => `${i.code} ${i.severity}`);
    expect(codes).toEqual(['evidence.unknown-task error', 'evidence.unknown-measure error', 'evidence.unknown-node error']);
  });
  it('lenient: the same names are warnings on the card, and the missing measure scores 0 with its own warning', () => {
    const ev = makeEvidence([{ ...unit, measures: { ontime: 9, resolved: 10 } }]);
    expect(checkEvidence(set, ev, { lenient: true }).map((i) => i.severity)).toEqual(['warning']);
    const [card] = evaluate(set, ev, { lenient: true });
    expect(card!.warnings.map((w) => w.code)).toEqual(['evidence.unknown-measure', 'evidence.missing']);
    expect(pts(card!, '1.1')).toBe(0);
  });
  it('a unit not in the roster is an error with a suggestion; lenient, a warning', () => {
    const ev = makeEvidence([{ ...unit, id: 'an-binh' }]);
    const roster = [{ id: 'an-bình', name: 'Xã An Bình' }];
    const [i] = issuesOf(() => evaluate(set, ev, { units: roster }));
    expect(i).toMatchObject({ code: 'evidence.unknown-unit', severity: 'error' });
    expect(i!.message).toMatch(/did you mean "an-bình"\?/);
    const cards = evaluate(set, ev, { units: roster, lenient: true });
    expect(cards.find((c) => c.unit.id === 'an-binh')!.warnings.map((w) => w.code)).toContain('evidence.unknown-unit');
  });
  it('a declared measure no rule reads is not an error: it is known', () => {
    const s = makeSet([
      { id: '1', title: 'L', max: 1, children: [{ id: '1.1', title: 'a', max: 1, rule: { kind: 'task', task: 'ke-hoach' } }] },
    ]);
    expect(checkEvidence(s, makeEvidence([{ measures: { received: 3 }, tasks: { 'ke-hoach': { done: '2021-01-10' } } }]))).toEqual([]);
  });
});

describe('a unit whose evidence is split over several files: each problem names its own file and place', () => {
  const doc = (units: unknown[]) => ({ format: 'par-index/evidence@1', year: 2021, source: 'Báo cáo', units });
  const u1 = (extra: Record<string, unknown>) => ({ id: 'u1', name: 'Xã Một', ...extra });
  const ev = loadEvidence([
    { file: 'a.yaml', data: doc([u1({ measures: { onTime: 9 }, findings: [{ id: 'F2', node: '1.1', description: 'chậm', points: 1 }] })]) },
    {
      file: 'b.yaml',
      data: doc([
        { id: 'u0', name: 'Xã Không' },
        u1({
          measures: { resolved: 10, resolvd: 10 },
          tasks: { kehoach: { done: '2021-01-10' } },
          findings: [{ id: 'F1', node: '1.9', description: 'thiếu', points: 1 }],
          notApplicable: [{ node: '1.8', reason: 'không phát sinh' }],
        }),
      ]),
    },
  ]);
  const issues = checkEvidence(set, ev).filter((i) => i.unit === 'u1');
  it('the measure typed wrong, the unknown task, finding node and n/a node: b.yaml, units[1]', () => {
    expect(issues.map((i) => [i.code, i.file, i.path])).toEqual([
      ['evidence.unknown-measure', 'b.yaml', ['units', 1, 'measures', 'resolvd']],
      ['evidence.unknown-task', 'b.yaml', ['units', 1, 'tasks', 'kehoach']],
      // F1 sorts before a.yaml's F2 in the merged unit, but it is the first finding of b.yaml's unit.
      ['evidence.unknown-node', 'b.yaml', ['units', 1, 'findings', 0, 'node']],
      ['evidence.unknown-node', 'b.yaml', ['units', 1, 'notApplicable', 0, 'node']],
    ]);
  });
  it('a problem of an item from the first file still names it', () => {
    const again = loadEvidence([
      { file: 'a.yaml', data: doc([u1({ measures: { onTim: 9 } })]) },
      { file: 'b.yaml', data: doc([u1({ measures: { resolved: 10 } })]) },
    ]);
    expect(checkEvidence(set, again).map((i) => [i.code, i.file, i.path])).toEqual([
      ['evidence.unknown-measure', 'a.yaml', ['units', 0, 'measures', 'onTim']],
    ]);
  });
});
