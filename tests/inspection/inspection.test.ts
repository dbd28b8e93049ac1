/**
 * The inspection engine on the source document's plan (Kế hoạch 14/KH-UBND, 4 rounds, 23 units, 100 % of the
 * plan), findings feeding deductions with each finding named in the trace, coverage feeding the inspector's
 * criteria, checklists, and the Văn Lâm example scoring exactly as before with its records and plan.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ParIndexError } from '../../src/core/errors.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { TraceNode } from '../../src/engine/types.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { checklist, findingPoints } from '../../src/inspection/checklist.js';
import { inspectionCoverage } from '../../src/inspection/coverage.js';
import { loadInspectionPlan } from '../../src/inspection/plan.js';
import { inspectionEvidence } from '../../src/inspection/plan-evidence.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { inspectionSource, readInspectionPlan } from '../../src/io/inspection-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { surveySource } from '../../src/io/survey-source.js';
import { rank } from '../../src/ranking/rank.js';
import { commands } from '../../src/cli/inspect.js';
import { criteriaDoc } from '../support/support.js';
import { root } from '../support/paths.js';

const planFile = `${root}fixtures/van-lam-2021/kiem-tra-cchc-2021.source.yaml`;
const planText = readFileSync(planFile, 'utf8');
const plan = readInspectionPlan(planFile);
const exampleSet = loadCriteriaSet(readFileSync(`${root}criteria/examples/van-lam-commune-2021.yaml`, 'utf8'));

function findTrace(nodes: readonly TraceNode[], id: string): TraceNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const c = findTrace(n.children, id);
    if (c) return c;
  }
  return undefined;
}

describe('the 2021 plan of the source document', () => {
  it('has its plan, decision and four notices', () => {
    expect(plan.plan).toMatchObject({ number: '14/KH-UBND', date: '2021-01-22' });
    expect(plan.decision).toMatchObject({ number: '861/QĐ-UBND', date: '2021-06-28' });
    expect(plan.rounds.map((r) => `${r.notice.number} ${r.notice.date}`)).toEqual([
      '02/TB-ĐKT 2021-07-28',
      '03/TB-ĐKT 2021-08-13',
      '04/TB-ĐKT 2021-08-30',
      '05/TB-ĐKT 2021-10-18',
    ]);
    expect(Object.isFrozen(plan)).toBe(true);
  });

  it('covers 23 units in 4 rounds: the 11 communes and the one-stop desk on plan, 12 unannounced visits, 100 % of the plan', () => {
    const c = inspectionCoverage(plan);
    expect(c.rounds).toBe(4);
    expect(c.unitsVisited).toBe(23);
    expect(c.plannedUnits).toHaveLength(12);
    expect(c.plannedUnits).toContain('mot-cua-huyen');
    expect(c.unannouncedVisits).toBe(12);
    expect(c.coverage).toEqual({ numerator: 'plan.visited', base: 'plan.units', num: 12, den: 12, value: 1 });
    expect(c.plannedNotVisited).toEqual([]);
  });

  it('measures findings fixed by their deadline over the findings due', () => {
    const c = inspectionCoverage(plan);
    // 9 findings, all due by 15/12/2021; fixed on time: KT02-CD-1, KT04-LT-1, KT03-TQ-1, KT05-TT-1, KT05-TT-2.
    expect(c.fixedByDeadline).toMatchObject({ numerator: 'findings.fixedByDeadline', base: 'findings.due', num: 5, den: 9 });
    expect(c.byUnit['tan-quang']).toMatchObject({ findings: 3, fixed: 1, due: 3, fixedByDeadline: 1 });
    // Before the deadlines pass, nothing is due yet.
    expect(inspectionCoverage(plan, '2021-08-10').fixedByDeadline).toMatchObject({ num: 0, den: 0, value: null });
    // A visit not yet made is not counted.
    expect(inspectionCoverage(plan, '2021-09-01').coverage.num).toBe(6);
  });

  it('coverage falls below 100 % when a planned unit is never visited', () => {
    const doc = parse(planText) as { rounds: { visits: { unit: string }[] }[]; findings: { unit: string }[] };
    doc.rounds[3]!.visits = doc.rounds[3]!.visits.filter((v) => v.unit !== 'lac-hong');
    const p = loadInspectionPlan(doc);
    expect(inspectionCoverage(p).coverage).toMatchObject({ num: 11, den: 12 });
    expect(inspectionCoverage(p).plannedNotVisited).toEqual(['lac-hong']);
  });

  it('refuses inconsistent plans with every problem, in both languages', () => {
    const doc = parse(planText) as {
      rounds: { visits: { unit: string; kind: string }[] }[];
      findings: { unit: string; fixedOn?: string; date: string }[];
    };
    doc.rounds[0]!.visits.push({ unit: 'xa-khong-co', kind: 'unannounced' });
    doc.rounds[0]!.visits.push({ unit: 'phong-noi-vu', kind: 'planned' });
    doc.findings[0]!.fixedOn = '2021-08-01';
    try {
      loadInspectionPlan(doc, { file: 'kh.yaml' });
      expect.unreachable();
    } catch (e) {
      const is = (e as ParIndexError).issues;
      expect(is.map((i) => i.code).sort()).toEqual(['inspection.inconsistent', 'inspection.inconsistent', 'inspection.unknown-unit']);
      expect(is.every((i) => i.file === 'kh.yaml' && i.messageVi.length > 0)).toBe(true);
    }
  });
});

describe('findings as evidence', () => {
  const ev = inspectionEvidence(plan);
  it('go to the inspected communes only, with their counts', () => {
    expect(ev.units.map((u) => u.id).sort()).toEqual([
      'chi-dao',
      'dai-dong',
      'dinh-du',
      'lac-dao',
      'lac-hong',
      'luong-tai',
      'minh-hai',
      'nhu-quynh',
      'tan-quang',
      'trung-trac',
      'viet-hung',
    ]);
    const cd = ev.units.find((u) => u.id === 'chi-dao')!;
    expect(cd.findings.map((f) => f['id'])).toEqual(['KT02-CD-1', 'KT02-CD-2']);
    expect(cd.measures['inspection.findings']).toMatchObject({ value: 2 });
    expect(cd.measures['inspection.fixed']).toMatchObject({ value: 1 });
    expect(String((cd.measures['inspection.findings'] as { source: string }).source)).toMatch(/14\/KH-UBND.*02\/TB-ĐKT ngày 2021-07-28/);
  });

  it('feed the deduction rule of the inspected unit, each finding named in the trace', () => {
    const cards = evaluate(exampleSet, loadEvidence({ data: ev, file: 'kiem-tra.yaml' }), { trace: true });
    const cd = cards.find((c) => c.unit.id === 'chi-dao')!;
    expect(cd.nodes.find((n) => n.id === '1.3.1')!.points).toBe(1.5);
    expect(cd.nodes.find((n) => n.id === '1.3.2')!.points).toBe(0.5);
    const t = findTrace(cd.trace!, '1.3.1')!;
    const steps = t.steps.map((s) => s.en).join(' | ');
    expect(steps).toMatch(
      /finding KT02-CD-1 \(Biên bản kiểm tra CCHC tại UBND xã Chỉ Đạo theo Thông báo 02\/TB-ĐKT.*\): Niêm yết TTHC chưa đầy đủ.* → −0.25/,
    );
    expect(steps).toMatch(/finding KT02-CD-2/);
    expect(t.lost.map((l) => l.vi).join(' ')).toMatch(/phát hiện KT02-CD-2/);
  });

  it('cost the points the criteria say', () => {
    expect(findingPoints(exampleSet, { node: '1.3.1' })).toBe(0.25);
    expect(findingPoints(exampleSet, { node: '3.2.1' })).toBeUndefined();
  });

  it("coverage feeds the inspecting unit's own criteria", () => {
    const doc = parse(planText) as Record<string, unknown> & { inspector: { evidence: boolean } };
    doc.inspector.evidence = true;
    const e = inspectionEvidence(loadInspectionPlan(doc));
    const district = e.units.find((u) => u.id === 'huyen-van-lam')!;
    expect(district.measures['inspection.planVisited']).toMatchObject({ value: 12 });
    const set = loadCriteriaSet(
      criteriaDoc(
        [
          {
            id: '1',
            title: 'Kiểm tra CCHC',
            max: 3,
            children: [
              {
                id: '1.1',
                title: 'Hoàn thành kế hoạch kiểm tra',
                max: 2,
                rule: { kind: 'rate', numerator: 'inspection.planVisited', base: 'inspection.planUnits', whenBaseZero: 'zero' },
              },
              {
                id: '1.2',
                title: 'Theo dõi khắc phục sau kiểm tra',
                max: 1,
                rule: {
                  kind: 'rate',
                  numerator: 'inspection.findingsFixedByDeadline',
                  base: 'inspection.findingsDue',
                  target: 80,
                  whenBaseZero: 'full',
                },
              },
            ],
          },
        ],
        {
          level: 'district',
          measures: {
            'inspection.planVisited': { title: 'a', unit: 'count' },
            'inspection.planUnits': { title: 'b', unit: 'count' },
            'inspection.findingsFixedByDeadline': { title: 'c', unit: 'count' },
            'inspection.findingsDue': { title: 'd', unit: 'count' },
          },
        },
      ),
    );
    const card = evaluate(set, loadEvidence({ data: { ...e, units: [district] } }))[0]!;
    // 12/12 → 2; 5/9 = 55.6 % of a target of 80 % → 1 × 0.5556 ÷ 0.8 = 0.69
    expect(card.nodes.find((n) => n.id === '1.1')!.points).toBe(2);
    expect(card.nodes.find((n) => n.id === '1.2')!.points).toBe(0.69);
  });
});

describe('checklists from a criteria set', () => {
  it('list every leaf with what to check, the criterion it feeds and the evidence to ask for', () => {
    const c = checklist(exampleSet, { id: 'chi-dao', name: 'Chỉ Đạo' });
    const leaves = c.items.map((i) => i.node);
    expect(leaves).toContain('3.2.1');
    expect(leaves).not.toContain('3.2');
    const it321 = c.items.find((i) => i.node === '3.2.1')!;
    expect(it321.evidence.map((e) => e.id)).toEqual(['dossiers.onTime', 'dossiers.resolved']);
    expect(it321.path[0]).toMatch(/^3 Cải cách thủ tục hành chính/);
    expect(it321.legal.join(' ')).toMatch(/Nghị định 61\/2018/);
    const it131 = c.items.find((i) => i.node === '1.3.1')!;
    expect(it131.evidence[0]!.kind).toBe('findings');
    expect(it131.check.vi).toMatch(/trừ 0.25 điểm mỗi tồn tại/);
  });

  it("with the unit's evidence, mark what is missing (Tân Quang did not submit training attendance)", async () => {
    const ev = await readEvidenceSources(`${root}fixtures/van-lam-2021`, { readers: [dossierSource, inspectionSource, surveySource] });
    const tq = ev.units.find((u) => u.id === 'tan-quang')!;
    const c = checklist(exampleSet, { id: tq.id, name: tq.name }, tq);
    expect(c.missing).toBe(1);
    const it52 = c.items.find((i) => i.node === '5.2')!;
    expect(it52.evidence.find((e) => e.id === 'training.attended')!.present).toBe(false);
  });

  it('par-index inspect checklist / summary', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(
      await commands['inspect']!.run(
        ['checklist', `${root}criteria/examples/van-lam-commune-2021.yaml`],
        { unit: 'chi-dao', format: 'text', lang: 'en' },
        io,
      ),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/3\.2\.1 Tỷ lệ hồ sơ TTHC giải quyết trước hạn và đúng hạn \(max 5\)/);
    out.length = 0;
    expect(
      await commands['inspect']!.run(
        ['summary', planFile],
        { format: 'text', lang: 'vi', criteria: `${root}criteria/examples/van-lam-commune-2021.yaml` },
        io,
      ),
    ).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/4 đợt, 23 đơn vị \(12 theo kế hoạch, 12 lượt đột xuất\)/);
    expect(text).toMatch(/Tỷ lệ hoàn thành kế hoạch: 12\/12 = 100.00%/);
    expect(text).toMatch(/KT02-CD-2 Chỉ Đạo \[1.3.1, trung bình\] −0.25/);
    await expect(commands['inspect']!.run(['plan'], { format: 'text' }, io)).rejects.toThrow(/checklist or summary/);
  });
});

describe('the Văn Lâm example, from its records, survey and inspection plan', () => {
  it('scores exactly as the hand-worked example (and the demo before the records existed)', async () => {
    const ev = await readEvidenceSources(`${root}fixtures/van-lam-2021`, { readers: [dossierSource, inspectionSource, surveySource] });
    const ranking = rank(evaluate(exampleSet, ev), exampleSet.ranking);
    const totals = Object.fromEntries(ranking.rows.map(({ card: c, rankOf }) => [c.unit.id, [c.total, c.index, rankOf]]));
    expect(totals).toEqual({
      'nhu-quynh': [95.41, 95.41, '1/11'],
      'dai-dong': [94.62, 94.62, '2/11'],
      'lac-dao': [92.46, 92.46, '3/11'],
      'lac-hong': [91.74, 91.74, '4/11'],
      'dinh-du': [86.45, 89.12, '5/11'],
      'viet-hung': [86.08, 86.08, '6/11'],
      'luong-tai': [84.7, 84.7, '7/11'],
      'trung-trac': [79.39, 79.39, '8/11'],
      'minh-hai': [78.12, 78.12, '9/11'],
      'chi-dao': [72.99, 74.48, '10/11'],
      'tan-quang': [70.72, 70.72, '11/11'],
    });
  });
});
