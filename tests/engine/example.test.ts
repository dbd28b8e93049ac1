/**
 * The worked example: the illustrative Văn Lâm commune criteria set (criteria/examples/van-lam-commune-2021.yaml)
 * and the 11 communes' illustrative evidence (fixtures/van-lam-2021/). Two communes are checked field by field
 * against arithmetic done by hand from the fixture numbers and the rules, written next to each expected value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet, loadCriteriaSet } from '../../src/criteria/load.js';
import type { CriteriaNode } from '../../src/criteria/schema.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { ScoreCard } from '../../src/engine/types.js';
import type { UnitEvidence } from '../../src/evidence/load.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { inspectionSource } from '../../src/io/inspection-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { surveySource } from '../../src/io/survey-source.js';
import { rank } from '../../src/ranking/rank.js';
import { EXAMPLE_UNIT_FILES, root } from '../support/paths.js';

const criteriaFile = `${root}criteria/examples/van-lam-commune-2021.yaml`;
const fixtureDir = `${root}fixtures/van-lam-2021`;

const criteriaText = readFileSync(criteriaFile, 'utf8');
const set = loadCriteriaSet(criteriaText, { file: criteriaFile });
// One evidence file per unit, plus descriptors (*.source.yaml) read by their source readers: the
// satisfaction indices `sipas` and `sipas-cong-chuc` are computed by sipas-2021.source.yaml from
// survey/responses-2021.csv, with the values the hand-worked arithmetic below uses (e.g. Như Quỳnh 90.1, 93.1).
const fixtureFiles = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.source.yaml'))
  .sort();
const evidence = await readEvidenceSources([fixtureDir], { readers: [dossierSource, inspectionSource, surveySource] });
const cards = evaluate(set, evidence);

const card = (id: string): ScoreCard => {
  const c = cards.find((x) => x.unit.id === id);
  if (!c) throw new Error(`no card for ${id}`);
  return c;
};
const unit = (id: string): UnitEvidence => evidence.units.find((u) => u.id === id)!;
const node = (c: ScoreCard, id: string) => {
  const n = c.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} in ${c.unit.id}`);
  return n;
};
const fieldPoints = (c: ScoreCard): Record<string, number> => Object.fromEntries(c.fields.map((f) => [f.id, f.points]));
const measureSum = (id: string): number => evidence.units.reduce((s, u) => s + (u.measures[id]?.value ?? 0), 0);

/** Exact sum of "n/d" strings, as a reduced "n/d" (or "n"), with BigInt so nothing is lost. */
function sumRatios(xs: readonly string[]): string {
  const gcd = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  };
  let n = 0n;
  let d = 1n;
  for (const x of xs) {
    const [a, b = '1'] = x.split('/');
    const xn = BigInt(a!);
    const xd = BigInt(b);
    n = n * xd + xn * d;
    d = d * xd;
    const g = gcd(n, d) || 1n;
    n /= g;
    d /= g;
  }
  return d === 1n ? n.toString() : `${n}/${d}`;
}

function* nodesOf(tree: readonly CriteriaNode[]): Generator<CriteriaNode> {
  for (const n of tree) {
    yield n;
    if (n.children) yield* nodesOf(n.children);
  }
}

/** The example's 11 communes, in id order: one evidence file each (tests/support/paths.ts). */
const UNITS = [...EXAMPLE_UNIT_FILES];
const NOTICES = ['02/TB-ĐKT ngày 28/7/2021', '03/TB-ĐKT ngày 13/8/2021', '04/TB-ĐKT ngày 30/8/2021', '05/TB-ĐKT ngày 18/10/2021'];

describe('the criteria set', () => {
  it('passes every check with no error and no warning', () => {
    const r = checkCriteriaSet(criteriaText, { file: criteriaFile });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // Nothing in this file is meant to warn (block caps reachable, ids numbered under their parents).
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('is marked illustrative, with an illustrative decision number', () => {
    expect(set.status).toBe('illustrative');
    expect(set.decision.number).toMatch(/minh họa/);
    expect(set.decision.date.startsWith('2021-')).toBe(true);
    expect(set.notes).toMatch(/not public/);
    // The header comment says so too, for whoever opens the YAML first.
    expect(criteriaText.split('\n').slice(0, 5).join('\n')).toMatch(/ILLUSTRATIVE/);
  });

  it('has 8 fields worth 100 points, a bonus block and a penalty block', () => {
    const fields = set.tree.filter((n) => !n.block);
    expect(fields.map((f) => f.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(fields.reduce((s, f) => s + f.max!, 0)).toBe(100);
    const blocks = set.tree.filter((n) => n.block);
    expect(blocks.map((b) => [b.id, b.block!.kind, b.block!.cap])).toEqual([
      ['9', 'bonus', 2],
      ['10', 'penalty', 3],
    ]);
    expect(blocks[0]!.block!.withinMax).toBe(false);
  });

  it('gives every node a title, a legal reference, and (outside blocks) a max equal to the sum of its children', () => {
    for (const n of nodesOf(set.tree)) {
      expect(n.title.length, n.id).toBeGreaterThan(0);
      expect(n.legal.length, n.id).toBeGreaterThan(0);
      if (n.block) continue;
      expect(n.max, n.id).toBeGreaterThanOrEqual(0);
      if (n.children?.length)
        expect(
          n.children.reduce((s, c) => s + (c.max ?? 0), 0),
          n.id,
        ).toBeCloseTo(n.max!, 10);
    }
  });

  it('uses every rule kind, on 30 to 45 leaves', () => {
    const leaves = [...nodesOf(set.tree)].filter((n) => !n.children?.length);
    expect(leaves.length).toBeGreaterThanOrEqual(30);
    expect(leaves.length).toBeLessThanOrEqual(45);
    expect(new Set(leaves.map((l) => l.rule!.kind))).toEqual(
      new Set(['task', 'rate', 'bands', 'deduction', 'formula', 'appraisal', 'survey']),
    );
    // Each "no case arose" policy the example is meant to show is used at least once.
    const policies = new Set(leaves.map((l) => (l.rule as { whenBaseZero?: string }).whenBaseZero).filter(Boolean));
    for (const p of ['full', 'zero', 'not-applicable', 'share']) expect(policies.has(p), p).toBe(true);
  });

  it('declares every measure with a unit and a description', () => {
    for (const [id, m] of Object.entries(set.measures)) {
      expect(['count', 'percent', 'number', 'index', 'days', 'amount'], id).toContain(m.unit);
      expect(m.description?.length ?? 0, id).toBeGreaterThan(20);
    }
    expect(Object.keys(set.surveys)).toContain('sipas');
  });
});

describe('the fixtures', () => {
  it('hold the 11 communes and town of Văn Lâm, one per file', () => {
    expect(fixtureFiles).toEqual(UNITS.map((u) => `${u}.yaml`));
    expect(evidence.units.map((u) => u.id)).toEqual(UNITS);
    expect(evidence.year).toBe(2021);
    expect(evidence.period).toEqual({ from: '2020-12-15', to: '2021-12-15' });
    // Như Quỳnh is the only town (thị trấn).
    expect(evidence.units.filter((u) => u.kind === 'thi-tran').map((u) => u.id)).toEqual(['nhu-quynh']);
    expect(evidence.units.filter((u) => u.kind === 'xa')).toHaveLength(10);
  });

  it('add up to the district totals of the 2021 report', () => {
    // II.6.1: "đã tiếp nhận 88 hồ sơ và thực hiện trả kết quả cho 70 hồ sơ qua dịch vụ bưu chính công ích".
    expect(measureSum('postal.received')).toBe(88);
    expect(measureSum('postal.returned')).toBe(70);
    // II.6.1: "đã tiếp nhận 138 hồ sơ … trực tuyến mức độ 3,4".
    expect(measureSum('dossiers.online')).toBe(138);
    // II.3.1: "Khối xã, thị trấn: tổng số là 215 người".
    expect(measureSum('staff.total')).toBe(215);
    // II.1: "kiểm tra theo thẩm quyền 19/355 Nghị quyết do HĐND các xã, thị trấn ban hành".
    expect(measureSum('docs.checked')).toBe(19);
    // II.6.1: more than 80 % of commune officials have a computer.
    expect(measureSum('staff.withComputer') / measureSum('staff.total')).toBeGreaterThan(0.8);
  });

  it('inspect every commune on plan, with findings that match their counts and cite the notice', () => {
    const used = new Set<string>();
    for (const u of evidence.units) {
      const notice = String(u.attributes['inspectionNotice']);
      expect(NOTICES, u.id).toContain(notice);
      expect(u.attributes['inspectionPlanned'], u.id).toBe(true);
      used.add(notice);
      expect(u.findings.length, u.id).toBe(u.measures['inspection.findings']!.value);
      expect(u.findings.filter((f) => f.fixedOn).length, u.id).toBe(u.measures['inspection.fixed']!.value);
      for (const f of u.findings) {
        expect(f.node).toBe('1.3.1');
        expect(f.source, f.id).toContain(notice);
      }
    }
    // All four rounds were used; findings in some communes only.
    expect(used.size).toBe(4);
    const withFindings = evidence.units.filter((u) => u.findings.length > 0).length;
    expect(withFindings).toBeGreaterThan(0);
    expect(withFindings).toBeLessThan(11);
  });

  it('give every item a provenance', () => {
    for (const u of evidence.units) {
      const sources = [
        ...Object.values(u.measures).map((m) => m.source),
        ...Object.values(u.tasks).map((t) => t.source),
        ...Object.values(u.appraisals).map((a) => a.source),
        ...Object.values(u.surveys).map((s) => s.source),
        ...u.findings.map((f) => f.source),
        ...u.notApplicable.map((n) => n.source),
      ];
      for (const s of sources) expect(s.length, u.id).toBeGreaterThan(10);
    }
  });
});

describe('scoring the example', () => {
  it('gives 11 cards and no warning except the missing evidence put there on purpose', () => {
    expect(cards).toHaveLength(11);
    const warnings = cards.flatMap((c) => c.warnings.map((w) => `${c.unit.id} ${w.code} ${w.node ?? ''}`));
    expect(warnings).toEqual(['tan-quang evidence.missing 5.2']);
  });

  it('keeps the fields adding up exactly to the total, and their maxima to the applicable maximum', () => {
    for (const c of cards) {
      // `fields` includes the bonus (9) and penalty (10) blocks, which add and subtract.
      expect(sumRatios(c.fields.map((f) => f.exact)), c.unit.id).toBe(c.exact.total);
      expect(
        c.fields.reduce((s, f) => s + Math.round(f.max * 100), 0),
        c.unit.id,
      ).toBe(Math.round(c.max * 100));
      // And each field is the exact sum of its direct children. (The blocks are not: a penalty block subtracts
      // its children's points and both blocks stop at their cap; in this example no cap is reached, so the
      // bonus equals its children's sum and the penalty its negation.)
      for (const f of c.fields) {
        const kids = c.nodes.filter((n) => n.depth === 2 && n.id.startsWith(`${f.id}.`));
        const sum = sumRatios(kids.map((k) => k.exact));
        const expected = f.id === '10' && sum !== '0' ? `-${sum}` : sum;
        expect(expected, `${c.unit.id} ${f.id}`).toBe(f.exact);
      }
    }
  });

  it('Như Quỳnh, worked by hand', () => {
    const c = card('nhu-quynh');
    expect(fieldPoints(c)).toEqual({
      // 1.1.1 task done 12/01 ≤ 31/01 → 1; 1.1.2 rate 24/24 × 2 = 2; 1.2 bands 12/12 = 100 % → 2;
      // 1.3.1 no finding → 2 − 0 = 2; 1.3.2 fixed/found = 0/0, whenBaseZero full → 1; 1.4.1 done 29/01 ≤ 28/02 → 1;
      // 1.4.2 appraisal round 1 = 1; 1.5 round 1 = 2.  1 + 2 + 2 + 2 + 1 + 1 + 1 + 2 = 12
      '1': 12,
      // 2.1.1 rate 2/2 × 2 = 2; 2.1.2 done 05/11 ≤ 15/11 → 1; 2.2 round 1 = 2.5; 2.3 round 1 = 2.  2 + 1 + 2.5 + 2 = 7.5
      '2': 7.5,
      // 3.1.1 formula: 118/121 = 0.9752 ≥ 0.9 → min(3, 3 × 118 ÷ 121) = 2.92561… → 2.93; 3.1.2 = 1;
      // 3.2.1 5 × 1452 ÷ 1460 = 4.97260… → 4.97; 3.2.2 no late dossier without apology → 1;
      // 3.2.3 postal 18/22 = 81.8 % ≥ target 80 % → 2; 3.3.1 feedback 2/2 × 1 = 1; 3.3.2 = 1; 3.4.1 = 2;
      // 3.4.2 done 09/07 ≤ 31/07 → 2; 3.4.3 bands 45/121 = 37.2 % ≥ 30 % → 2.
      // 2.93 + 1 + 4.97 + 1 + 2 + 1 + 1 + 2 + 2 + 2 = 19.90
      '3': 19.9,
      // 4.1 round 1 = 2.5; 4.2 done 20/07 ≤ 31/08 → 2; 4.3 bands 0 over quota → 3.  2.5 + 2 + 3 = 7.5
      '4': 7.5,
      // 5.1 23/23 × 3 = 3; 5.2 14/14 = 100 % ≥ target 90 % → 2; 5.3 = 2; 5.4 bands 0 cases → 3.  3 + 2 + 2 + 3 = 10
      '5': 10,
      // 6.1 done 15/01 ≤ 31/01 → 2; 6.2 = 1.5; 6.3 8160/8500 = 96 % ≥ target 95 % → 3.  2 + 1.5 + 3 = 6.5
      '6': 6.5,
      // 7.1.1 2 × 600 ÷ 640 = 1.875 → 1.88 (half-up); 7.1.2 bands 22/23 = 95.7 % ≥ 90 % → 2; 7.1.3 done 20/09 ≤ 30/09 → 1;
      // 7.2.1 28/86 = 32.56 %, ÷ target 50 % = 0.65116, × 5 = 3.25581… → 3.26; 7.2.2 = 1;
      // 7.3.1 2 × 22 ÷ 23 = 1.91304… → 1.91; 7.3.2 = 1.25.
      // 1.88 + 2 + 1 + 3.26 + 1 + 1.91 + 1.25 = 12.30
      '7': 12.3,
      // 8.1 survey linear: 12 × 90.1 ÷ 95 = 11.38105… → 11.38; 8.2 bands 93.1 ≥ 90 → 4; 8.3 4 × 15 ÷ 18 = 3.333… → 3.33.
      // 11.38 + 4 + 3.33 = 18.71
      '8': 18.71,
      // 9.1 bands: 1 recognised initiative, row [1, 2) → 1; the bonus block's cap 2 is not reached → +1
      '9': 1,
      // 10.1 formula min(2, 0.5 × 0) = 0; 10.2 no escalated complaint → 0; penalty −0
      '10': 0,
    });
    // 12 + 7.5 + 19.9 + 7.5 + 10 + 6.5 + 12.3 + 18.71 + 1 − 0 = 95.41
    expect(c.total).toBe(95.41);
    expect(c.exact.total).toBe('9541/100');
    // Nothing is not applicable and the bonus lies outside the maximum: 100.
    expect(c.max).toBe(100);
    // 95.41 ÷ 100 × 100 = 95.41 → Xuất sắc (≥ 90)
    expect(c.index).toBe(95.41);
    expect(c.band?.label).toBe('Xuất sắc');
    // A few leaves the fields above rest on.
    expect(node(c, '3.1.1').points).toBe(2.93);
    expect(node(c, '7.1.1').points).toBe(1.88);
    expect(node(c, '8.1').points).toBe(11.38);
  });

  it('Chỉ Đạo, worked by hand (late task, not applicable, shared points, negative floor, findings, penalty)', () => {
    const c = card('chi-dao');
    expect(fieldPoints(c)).toEqual({
      // 1.1.1 plan done 08/02 after the deadline 31/01 → latePoints 0.5; 1.1.2 2 × 17 ÷ 20 = 1.7;
      // 1.2 bands 10/12 = 83.3 % in [80, 100) → 1; 1.3.1 2 findings × 0.25 = 0.5 → 2 − 0.5 = 1.5;
      // 1.3.2 fixed 1 of 2 → 1 × 1 ÷ 2 = 0.5; 1.4.1 done 20/02 ≤ 28/02 → 1; 1.4.2 = 0.75; 1.5 = 1.5.
      // 0.5 + 1.7 + 1 + 1.5 + 0.5 + 1 + 0.75 + 1.5 = 8.45
      '1': 8.45,
      // 2.1.1 2 × 1 ÷ 2 = 1; 2.1.2 done 10/11 ≤ 15/11 → 1; 2.2 = 2.25; 2.3 = 1.5.  1 + 1 + 2.25 + 1.5 = 5.75
      '2': 5.75,
      // 3.1.1 formula: 104/121 = 0.8595 < 0.9 → 0; 3.1.2 = 0.75;
      // 3.2.1 5 × 489 ÷ 512 = 4.775390625 → 4.78; 3.2.2 1 − 3 × 0.5 = −0.5, at the floor −0.5 → −0.5;
      // 3.2.3 postal 0 received → not applicable: 0 points, its 2 leave the maximum;
      // 3.3.1 feedback 0 received → shared with 3.3.2: 3.3.2 appraised 1 of 1 × (1 + 1) ÷ 1 = 2;
      // 3.4.1 = 1.5; 3.4.2 done 14/07 ≤ 31/07 → 2; 3.4.3 bands 30/121 = 24.8 % in [20, 30) → 1.
      // 0 + 0.75 + 4.78 − 0.5 + 0 + 0 + 2 + 1.5 + 2 + 1 = 11.53
      '3': 11.53,
      // 4.1 = 2.5; 4.2 done 05/08 ≤ 31/08 → 2; 4.3 0 over quota → 3.  2.5 + 2 + 3 = 7.5
      '4': 7.5,
      // 5.1 3 × 17 ÷ 19 = 2.68421… → 2.68; 5.2 8/10 = 80 %, ÷ 90 % = 0.8889, × 2 = 1.77777… → 1.78;
      // 5.3 = 2; 5.4 bands 1 case in [1, 2) → 1.5.  2.68 + 1.78 + 2 + 1.5 = 7.96
      '5': 7.96,
      // 6.1 done 20/01 ≤ 31/01 → 2; 6.2 = 1.5; 6.3 3570/4200 = 85 %, ÷ 95 % = 0.89474, × 3 = 2.68421… → 2.68.
      // 2 + 1.5 + 2.68 = 6.18
      '6': 6.18,
      // 7.1.1 2 × 380 ÷ 410 = 1.85365… → 1.85; 7.1.2 bands 15/19 = 78.9 % in [70, 90) → 1; 7.1.3 done 28/09 ≤ 30/09 → 1;
      // 7.2.1 9/40 = 22.5 %, ÷ 50 % = 0.45, × 5 = 2.25; 7.2.2 = 0.5; 7.3.1 2 × 15 ÷ 19 = 1.57894… → 1.58; 7.3.2 = 1.
      // 1.85 + 1 + 1 + 2.25 + 0.5 + 1.58 + 1 = 9.18
      '7': 9.18,
      // 8.1 12 × 84.6 ÷ 95 = 10.68631… → 10.69; 8.2 bands 86.2 in [80, 90) → 3; 8.3 4 × 13 ÷ 16 = 3.25.
      // 10.69 + 3 + 3.25 = 16.94
      '8': 16.94,
      // 9.1 no initiative → 0
      '9': 0,
      // 10.1 formula min(2, 0.5 × 1) = 0.5; 10.2 0 → 0; the penalty block subtracts 0.5
      '10': -0.5,
    });
    // 8.45 + 5.75 + 11.53 + 7.5 + 7.96 + 6.18 + 9.18 + 16.94 + 0 − 0.5 = 72.99
    expect(c.total).toBe(72.99);
    expect(c.exact.total).toBe('7299/100');
    // 100 − 2 (3.2.3 not applicable); the shared point of 3.3.1 stays inside field 3.
    expect(c.max).toBe(98);
    expect(node(c, '3').max).toBe(18);
    // 72.99 ÷ 98 × 100 = 74.4795918… → 74.48 → Khá (70 to < 80)
    expect(c.index).toBe(74.48);
    expect(c.exact.index).toBe('7299/98');
    expect(c.band?.label).toBe('Khá');
    expect(node(c, '1.1.1').points).toBe(0.5);
    expect(node(c, '3.1.1').points).toBe(0);
    expect(node(c, '3.2.2').points).toBe(-0.5);
    expect(node(c, '10.1').points).toBe(0.5);
  });

  it('ranks Chỉ Đạo below Như Quỳnh, out of 11', () => {
    const ranked = rank(cards, set.ranking);
    const nq = ranked.rows.find((x) => x.card.unit.id === 'nhu-quynh')!;
    const cd = ranked.rows.find((x) => x.card.unit.id === 'chi-dao')!;
    expect(nq.rank!).toBeLessThan(cd.rank!);
    expect(nq.rankOf).toMatch(/\/11$/);
  });
});

describe('statuses in the trace', () => {
  it('shows missing evidence where Tân Quang did not submit training attendance', () => {
    const c = card('tan-quang');
    expect(unit('tan-quang').measures['training.attended']).toBeUndefined();
    expect(node(c, '5.2').status).toBe('missing');
    expect(node(c, '5.2').points).toBe(0);
    // Missing evidence scores 0 but keeps its maximum: it is a loss, not an exemption.
    expect(node(c, '5.2').max).toBe(2);
    expect(c.missing).toBe(1);
    expect(c.max).toBe(100);
    const t = c.trace!.find((f) => f.id === '5')!.children.find((x) => x.id === '5.2')!;
    expect(t.lost.map((l) => l.en).join(' ')).toMatch(/missing evidence/);
  });

  it("shows not-applicable for Đình Dù's 6.3, declared with a reason and a source", () => {
    const c = card('dinh-du');
    const na = unit('dinh-du').notApplicable;
    expect(na).toHaveLength(1);
    expect(na[0]!.node).toBe('6.3');
    expect(na[0]!.reason.length).toBeGreaterThan(10);
    expect(na[0]!.source.length).toBeGreaterThan(10);
    expect(node(c, '6.3').status).toBe('not-applicable');
    expect(node(c, '6.3').max).toBe(0);
    // 3 points leave the maximum: field 6 is out of 4, the set out of 97.
    expect(node(c, '6').max).toBe(4);
    expect(c.max).toBe(97);
  });

  it('shows the base-zero policies: not applicable (3.2.3) and shared (3.3.1 → 3.3.2) in Chỉ Đạo', () => {
    const c = card('chi-dao');
    expect(unit('chi-dao').measures['postal.received']!.value).toBe(0);
    expect(node(c, '3.2.3').status).toBe('not-applicable');
    expect(node(c, '3.2.3').max).toBe(0);
    expect(unit('chi-dao').measures['pakn.received']!.value).toBe(0);
    expect(node(c, '3.3.1').status).toBe('shared');
    expect(node(c, '3.3.1').max).toBe(0);
    expect(node(c, '3.3.2').max).toBe(2);
    expect(node(c, '3.3.2').points).toBe(2);
  });

  it('gives full points where the declared policy is "full": Việt Hưng had no document to check', () => {
    const c = card('viet-hung');
    expect(unit('viet-hung').measures['docs.checked']!.value).toBe(0);
    expect(node(c, '2.1.1').status).toBe('scored');
    expect(node(c, '2.1.1').points).toBe(2);
  });

  it("keeps every appraisal round of Lạc Hồng's 3.4.1, and counts round 2", () => {
    const a = unit('lac-hong').appraisals['3.4.1']!;
    expect(a.round1).toBeLessThan(a.round2!);
    expect(a.explanation).toBeTruthy();
    const c = card('lac-hong');
    expect(node(c, '3.4.1').points).toBe(a.round2);
    const t = c
      .trace!.find((f) => f.id === '3')!
      .children.find((x) => x.id === '3.4')!
      .children.find((x) => x.id === '3.4.1')!;
    const steps = t.steps.map((s) => s.en).join(' | ');
    expect(steps).toMatch(/appraisal round 1/);
    expect(steps).toMatch(/explanation:/);
    expect(steps).toMatch(/appraisal round 2/);
  });

  it('gives the late-task points where a task was done after its deadline', () => {
    // Trưng Trắc's decision shortening times came 20/08, after 31/07: latePoints 1 of 2.
    expect(unit('trung-trac').tasks['qd-rut-ngan-tthc']!.done).toBe('2021-08-20');
    expect(node(card('trung-trac'), '3.4.2').points).toBe(1);
    // Lương Tài registered its digital signature 12/10, after 30/09: latePoints 0.5 of 1.
    expect(node(card('luong-tai'), '7.1.3').points).toBe(0.5);
  });
});
