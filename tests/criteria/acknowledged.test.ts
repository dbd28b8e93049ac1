/**
 * Acknowledged flaws (issue 22, item 5): a criteria set keeps a finding of `check` that describes its decision's own
 * text — a number printed twice, a maximum its rule can never award, a declared total its fields do not reach — with
 * the reason, and scores; the finding stays visible in `check`, on the cards, in the trace and in the reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet, loadCriteriaSet } from '../../src/criteria/load.js';
import { ACKNOWLEDGEABLE_CODES } from '../../src/criteria/schema.js';
import { formatIssue, formatPath } from '../../src/core/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank } from '../../src/ranking/rank.js';
import { renderJson, reportMarkdown } from '../../src/report/report.js';
import { loadScoreCards } from '../../src/ranking/scores.js';
import { reportHtml } from '../../src/report/html.js';
import { explainText } from '../../src/report/explain.js';
import { acknowledgedLines } from '../../src/report/provenance.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { criteriaDoc, makeEvidence } from '../support/support.js';
import { root } from '../support/paths.js';

const rate = (id: string, max: number, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Tiêu chí ${id}`,
  max,
  rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' },
  ...extra,
});

/** Section II of Hải Phòng 212/2025 Phụ lục 02 in small: two criteria printed "2", the second kept with id II.3. */
const twice = () => [
  { id: 'I', title: 'Tiêu chí chung', max: 2, children: [rate('I.1', 2)] },
  {
    id: 'II',
    title: 'Kết quả thực hiện nhiệm vụ',
    max: 8,
    children: [rate('II.1', 2), rate('II.2', 2), rate('II.3', 4, { printedId: 'II.2' })],
  },
];

const ACK = {
  code: 'criteria.duplicate-printed-id',
  node: 'II.3',
  reason: 'Phụ lục 02 in hai tiêu chí mục II cùng số "2"; giữ như văn bản',
  reasonEn: 'Annex 02 numbers two criteria of section II "2"; kept as printed',
};

describe('a number printed twice', () => {
  it('is refused until acknowledged, naming both criteria', () => {
    const r = checkCriteriaSet(criteriaDoc(twice()), { file: 'hp.yaml' });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.node, i.path.join('.')])).toEqual([
      ['criteria.duplicate-printed-id', 'II.3', 'tree.1.children.2.printedId'],
    ]);
    expect(r.issues[0]!.message).toBe('criterion "II.3" is printed with the number "II.2", as is "II.2" (tree[1].children[1])');
    expect(r.acknowledged).toEqual([]);
  });

  it('a printed number equal to another node’s id counts, and unique printed numbers pass', () => {
    const ok = twice();
    ok[1]!.children[2] = rate('II.3', 4, { printedId: 'II.2b' });
    expect(checkCriteriaSet(criteriaDoc(ok)).ok).toBe(true);
  });

  it('acknowledged, the set loads and scores, and check keeps the finding with its reason', () => {
    const r = checkCriteriaSet(criteriaDoc(twice(), { acknowledged: [ACK] }), { file: 'hp.yaml' });
    expect(r.ok).toBe(true);
    expect(r.issues.filter((i) => i.code === 'criteria.duplicate-printed-id')).toEqual([]);
    expect(r.acknowledged.map((f) => [f.code, f.node, f.printedId, f.reason])).toEqual([
      ['criteria.duplicate-printed-id', 'II.3', 'II.2', ACK.reason],
    ]);
    expect(r.set!.acknowledgedFindings).toEqual(r.acknowledged);
    expect(Object.isFrozen(r.set!.acknowledgedFindings)).toBe(true);
    // The lines `par-index check` prints after "Valid".
    expect(acknowledgedLines(r.acknowledged, 'en')).toEqual([
      "This set acknowledges 1 finding of its decision's own text (kept as printed):",
      '  - acknowledged [criteria.duplicate-printed-id] hp.yaml: criterion II.2 (id II.3; tree[1].children[2].printedId): criterion "II.3" is printed with the number "II.2", as is "II.2" (tree[1].children[1]) — reason: Annex 02 numbers two criteria of section II "2"; kept as printed',
    ]);
    expect(acknowledgedLines(r.acknowledged, 'vi')[1]).toMatch(
      /^ {2}- đã ghi nhận \[criteria\.duplicate-printed-id\] hp\.yaml: tiêu chí II\.2 .* — lý do: Phụ lục 02 in/,
    );
  });

  it('the cards, the trace and the reports show it', () => {
    const set = loadCriteriaSet(criteriaDoc(twice(), { acknowledged: [ACK] }), { file: 'hp.yaml' });
    // 9 of 10 on time: every rate leaf scores max × 9/10 → 1,8 + 1,8 + 1,8 + 3,6 = 9 of 10.
    const [card] = evaluate(set, makeEvidence([{ measures: { onTime: 9, resolved: 10 } }]), { trace: true });
    expect(card!.total).toBe(9);
    expect(card!.criteria.acknowledged).toEqual([
      {
        code: 'criteria.duplicate-printed-id',
        node: 'II.3',
        printedId: 'II.2',
        path: ['tree', 1, 'children', 2, 'printedId'],
        message: 'criterion "II.3" is printed with the number "II.2", as is "II.2" (tree[1].children[1])',
        messageVi: 'tiêu chí "II.3" được in số "II.2", trùng với tiêu chí "II.2" (tree[1].children[1])',
        reason: ACK.reason,
        reasonEn: ACK.reasonEn,
      },
    ]);
    const t = card!.trace![1]!.children[2]!;
    expect([t.id, t.printedId, t.acknowledged?.length]).toEqual(['II.3', 'II.2', 1]);
    expect(t.acknowledged![0]!.en).toBe(
      'acknowledged [criteria.duplicate-printed-id]: criterion "II.3" is printed with the number "II.2", as is "II.2" (tree[1].children[1]) — reason: Annex 02 numbers two criteria of section II "2"; kept as printed',
    );
    // The node printed "II.2" a second time is not marked: the finding is about the one kept with another id.
    expect(card!.trace![1]!.children[1]!.acknowledged).toBeUndefined();
    expect(explainText(card!, 'en')).toContain('II.2 [II.3] Tiêu chí II.3: 3.60/4.00');
    expect(explainText(card!, 'en')).toContain('ⓘ acknowledged [criteria.duplicate-printed-id]');

    const ranking = rank([card!], set.ranking);
    const md = reportMarkdown(ranking, 'vi');
    expect(md).toContain('- Đã ghi nhận: bộ tiêu chí giữ 1 lỗi của chính văn bản quyết định, như văn bản in (cuối báo cáo)');
    expect(md).toContain('# Lỗi đã ghi nhận của bộ tiêu chí');
    expect(md).toMatch(/- đã ghi nhận \\\[criteria\.duplicate-printed-id\\\] tiêu chí II\.2 .*lý do: Phụ lục 02 in hai tiêu chí/);
    const html = reportHtml(ranking, { lang: 'en' });
    expect(html).toContain(
      '<footer id="acknowledged" class="st"><h2>The criteria set&#39;s acknowledged findings</h2><ol><li>acknowledged [criteria.duplicate-printed-id] criterion II.2 (id II.3; tree[1].children[2].printedId)',
    );
    expect(html).toContain('<a href="#acknowledged">(1 acknowledged)</a>');
  });

  it('a score file keeps them: written and read back, with the trace', () => {
    const set = loadCriteriaSet(criteriaDoc(twice(), { acknowledged: [ACK] }), { file: 'hp.yaml' });
    const cards = evaluate(set, makeEvidence([{ measures: { onTime: 9, resolved: 10 } }]), { trace: true });
    const back = loadScoreCards(renderJson(rank(cards, set.ranking), { trace: true }), { file: 'scores.json' });
    const card = back.rows[0]!.card;
    expect(card.criteria.acknowledged).toEqual(cards[0]!.criteria.acknowledged);
    expect(card.trace![1]!.children[2]!.printedId).toBe('II.2');
    expect(card.trace![1]!.children[2]!.acknowledged).toEqual(cards[0]!.trace![1]!.children[2]!.acknowledged);
  });

  it('a set without acknowledgements writes its cards as before', () => {
    const ok = twice();
    ok[1]!.children[2] = rate('II.3', 4);
    const [card] = evaluate(loadCriteriaSet(criteriaDoc(ok)), makeEvidence([{ measures: { onTime: 9, resolved: 10 } }]));
    expect('acknowledged' in card!.criteria).toBe(false);
    expect(reportMarkdown(rank([card!], { method: 'competition', on: 'rounded', tieBreak: [] }), 'en')).not.toContain('cknowledged');
  });

  it('the acknowledgement is part of the set: its hash changes with it', () => {
    const a = loadCriteriaSet(criteriaDoc(twice(), { acknowledged: [ACK] }));
    const b = loadCriteriaSet(criteriaDoc(twice(), { acknowledged: [{ ...ACK, reason: 'khác' }] }));
    expect(a.hash).not.toBe(b.hash);
  });
});

describe('acknowledgements that are wrong', () => {
  it('a stale one (no such finding) is an error, and does not hide another finding', () => {
    const fixed = twice();
    fixed[1]!.children[2] = rate('II.3', 4);
    const r = checkCriteriaSet(criteriaDoc(fixed, { acknowledged: [ACK] }), { file: 'hp.yaml' });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['criteria.acknowledgement', 'acknowledged.0.node']]);
    expect(r.issues[0]!.message).toBe(
      'no "criteria.duplicate-printed-id" finding on node "II.3" to acknowledge: remove the entry (a stale acknowledgement would hide a later finding)',
    );
    // Acknowledging the other node of the pair does not match: the finding is on the second one.
    const wrong = checkCriteriaSet(criteriaDoc(twice(), { acknowledged: [{ ...ACK, node: 'II.2' }] }));
    expect(wrong.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([
      'criteria.duplicate-printed-id',
      'criteria.acknowledgement',
    ]);
  });

  it('a finding that says the file cannot be scored as written cannot be acknowledged', () => {
    const doc = criteriaDoc([{ id: '1', title: 'F', max: 5, children: [rate('1.1', 2)] }], {
      acknowledged: [{ code: 'criteria.max-mismatch', node: '1', reason: 'in như vậy' }],
    });
    const r = checkCriteriaSet(doc);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['criteria.max-mismatch', 'tree.0.max'],
      ['criteria.acknowledgement', 'acknowledged.0.code'],
    ]);
    expect(r.issues[1]!.message).toMatch(
      /^a "criteria\.max-mismatch" finding cannot be acknowledged: it says the file cannot be scored as written/,
    );
    expect(ACKNOWLEDGEABLE_CODES).not.toContain('criteria.max-mismatch');
    expect(ACKNOWLEDGEABLE_CODES).not.toContain('criteria.duplicate-id');
    // A code check never reports is refused as such.
    const unknown = checkCriteriaSet(criteriaDoc(twice(), { acknowledged: [ACK, { code: 'criteria.nonsense', reason: 'x' }] }));
    expect(unknown.issues.map((i) => i.message)).toEqual(['"criteria.nonsense" is not a code check reports']);
  });

  it('a schema error is never acknowledged: the entries are not even read', () => {
    const doc = criteriaDoc([{ id: '1', title: 'F', max: 'many', children: [rate('1.1', 2)] }], {
      acknowledged: [{ code: 'schema.invalid-number', node: '1', reason: 'x' }],
    });
    const r = checkCriteriaSet(doc);
    expect(r.ok).toBe(false);
    expect(r.issues.every((i) => i.code.startsWith('schema.'))).toBe(true);
    expect(r.acknowledged).toEqual([]);
  });
});

describe('other flaws a decision prints', () => {
  it('a maximum its rule can never award scores as printed', () => {
    // The best row gives 1 point of a max of 2: a unit at 100 % gets 1 of 2, as the decision prints it.
    const leaf = {
      id: '1.1',
      title: 'Tỷ lệ',
      max: 2,
      rule: {
        kind: 'bands',
        ratio: { numerator: 'onTime', base: 'resolved' },
        whenBaseZero: 'full',
        bands: [
          { min: 50, max: 100, maxInclusive: true, points: 1 },
          { max: 50, points: 0 },
        ],
      },
    };
    const tree = [{ id: '1', title: 'F', max: 2, children: [leaf] }];
    expect(checkCriteriaSet(criteriaDoc(tree)).issues.map((i) => i.code)).toEqual(['criteria.rule-cannot-reach-max']);
    const set = loadCriteriaSet(
      criteriaDoc(tree, { acknowledged: [{ code: 'criteria.rule-cannot-reach-max', node: '1.1', reason: 'Mức cao nhất in 1 điểm' }] }),
    );
    const [card] = evaluate(set, makeEvidence([{ measures: { onTime: 10, resolved: 10 } }]));
    // 1 of 2 → index 1 ÷ 2 × 100 = 50.
    expect([card!.total, card!.max, card!.index]).toEqual([1, 2, 50]);
    expect(card!.criteria.acknowledged?.map((f) => f.node)).toEqual(['1.1']);
  });

  it('a declared total the fields do not reach: a finding about the whole set, acknowledged without a node', () => {
    const tree = [{ id: '1', title: 'F', max: 2, children: [rate('1.1', 2)] }];
    const r = checkCriteriaSet(
      criteriaDoc(tree, { total: 100, acknowledged: [{ code: 'criteria.total-mismatch', reason: 'Tổng in 100 điểm' }] }),
      { file: 't.yaml' },
    );
    expect(r.ok).toBe(true);
    expect(r.acknowledged.map((f) => [f.code, f.node, f.path])).toEqual([['criteria.total-mismatch', undefined, ['total']]]);
    expect(formatIssue(r.acknowledged[0]!)).toBe(
      "error [criteria.total-mismatch] t.yaml: total: the set declares a total of 100 points but its fields' maxima add up to 2",
    );
    // Naming a node for a finding about the whole set does not match it.
    const named = checkCriteriaSet(
      criteriaDoc(tree, { total: 100, acknowledged: [{ code: 'criteria.total-mismatch', node: '1', reason: 'x' }] }),
    );
    expect(named.issues.map((i) => i.code)).toEqual(['criteria.total-mismatch', 'criteria.acknowledgement']);
  });

  it('`at` singles out one finding of several with the same code and node', () => {
    const tree = [{ id: '1', title: 'F', max: 2, children: [rate('1.1', 2)] }];
    const bands = {
      levels: [
        { id: 'a', label: 'A', min: 90 },
        { id: 'b', label: 'B', min: 50, max: 80 },
        { id: 'c', label: 'C', max: 40 },
      ],
    };
    const gaps = checkCriteriaSet(criteriaDoc(tree, { bands })).issues.filter((i) => i.code === 'criteria.bands-gap');
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    const one = checkCriteriaSet(
      criteriaDoc(tree, { bands, acknowledged: [{ code: 'criteria.bands-gap', at: formatPath(gaps[0]!.path), reason: 'x' }] }),
    );
    expect(one.acknowledged).toHaveLength(1);
    expect(one.issues.filter((i) => i.code === 'criteria.bands-gap')).toHaveLength(gaps.length - 1);
  });
});

describe('the example of docs/criteria-format.md', () => {
  const guide = readFileSync(join(root, 'docs/criteria-format.md'), 'utf8');
  const example = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((t) => t.includes('hai-phong.phu-luc-02'))!;
  const printed = guide.slice(guide.indexOf('## Acknowledged flaws'));
  /** The lines the guide says `par-index check` prints. */
  const shown = /`par-index check` prints, after "Valid":\n\n```\n([\s\S]*?)\n```/.exec(printed)![1]!.split('\n');

  it('loads, keeps its duplicate "2" acknowledged, and check prints what the guide shows', () => {
    const r = checkCriteriaSet(example, { file: 'hai-phong.yaml' });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(acknowledgedLines(r.acknowledged, 'en')).toEqual(shown);
  });

  it('scores a manager as printed: 20 + 10 + 70 × 9/10 = 93', () => {
    const set = loadCriteriaSet(example, { file: 'hai-phong.yaml' });
    const full = (max: number) => ({ self: max, round1: max });
    const ev = loadEvidence({
      data: {
        format: 'par-index/evidence@1',
        year: 2025,
        source: 'Phiếu đánh giá',
        units: [
          {
            id: 'a',
            name: 'Ông A',
            appraisals: { 'I.1': full(5), 'I.2': full(5), 'I.3': full(5), 'I.4': full(5), 'II.1': full(5), 'II.2': full(5) },
            measures: { 'tasks.assigned': 10, 'tasks.done': 9 },
          },
        ],
      },
    });
    const [card] = evaluate(set, ev);
    // Section I: 4 × 5 = 20; II.1 and II.2: 5 + 5; II.3 (printed "2"): 70 × 9 ÷ 10 = 63. Total 93 of 100.
    expect([card!.total, card!.nodes.find((n) => n.id === 'II.3')!.points]).toEqual([93, 63]);
    expect(card!.criteria.acknowledged?.map((f) => [f.node, f.printedId])).toEqual([['II.3', 'II.2']]);
  });
});
