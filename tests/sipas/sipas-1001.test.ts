/**
 * SIPAS under Quyết định 1001/QĐ-BNV (2023–2026) and 2640/QĐ-BNV (2017–2021), as the sources read show them:
 * the household form's aspects, contents, items and scales; categorical perception questions; the options the
 * official text leaves open (item mean or pooled ratio, rounding stage, province mean or respondent pool, general
 * item or mean of items), each declared with its provenance; and the questionnaire's assumptions in every report.
 * Expected values are worked by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { combineUnits, computeIndices } from '../../src/sipas/indices.js';
import { checkQuestionnaire, loadQuestionnaire, type Questionnaire } from '../../src/sipas/questionnaire.js';
import { renderSipasMarkdown, renderSipasTable, sipasRows } from '../../src/report/sipas.js';
import { tallyRows } from '../../src/sipas/tallier.js';
import { poolUnits } from '../../src/sipas/tally-merge.js';
import { root } from '../support/paths.js';

const read = (f: string) => readFileSync(join(root, f), 'utf8');
const q1001 = loadQuestionnaire(read('questionnaires/sipas-1001-2023.yaml'), { file: 'questionnaires/sipas-1001-2023.yaml' });
const q2640 = loadQuestionnaire(read('questionnaires/sipas-2640-2017.yaml'), { file: 'questionnaires/sipas-2640-2017.yaml' });
const itemsOf = (q: Questionnaire, g: string) => q.items.filter((i) => i.group === g).map((i) => i.id);

describe('1001/QĐ-BNV: the household form', () => {
  it('names the decision as thuvienphapluat.vn prints it', () => {
    expect(q1001.decision).toEqual({
      number: '1001/QĐ-BNV',
      date: '2023-12-11',
      title:
        'Ban hành Phương pháp đo lường sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước giai đoạn 2023 - 2026',
    });
    expect(q1001.provenance).toMatchObject({
      status: 'verified',
      source: expect.arrayContaining([expect.stringMatching(/590186\.aspx$/)]),
    });
  });

  it('has the 4 policy contents of the form: information, participation, quality, results and impact — 2 + 2 + 8 + 2 items', () => {
    const policy = q1001.groups.filter((g) => g.part === 'policy');
    expect(policy.map((g) => g.id)).toEqual(['cs-thong-tin', 'cs-tham-gia', 'cs-chat-luong', 'cs-ket-qua']);
    expect(policy.map((g) => g.title)).toEqual([
      'Cung cấp thông tin về chính sách (trách nhiệm giải trình của cơ quan)',
      'Sự tham gia của người dân vào xây dựng, tổ chức thực hiện chính sách',
      'Chất lượng chính sách',
      'Kết quả, tác động của chính sách',
    ]);
    expect(policy.map((g) => itemsOf(q1001, g.id))).toEqual([
      ['c9.1', 'c9.2'],
      ['c9.3', 'c9.4'],
      ['c9.5', 'c9.6', 'c9.7', 'c9.8', 'c9.9', 'c9.10', 'c9.11', 'c9.12'],
      ['c9.13', 'c9.14'],
    ]);
  });

  it('has the 5 services factors with 4 + 4 + 5 + 3 + 3 = 19 items, none an "in general" item', () => {
    const services = q1001.groups.filter((g) => g.part === 'services');
    expect(services.map((g) => [g.id, itemsOf(q1001, g.id).length])).toEqual([
      ['tiep-can', 4],
      ['thu-tuc', 4],
      ['cong-chuc', 5],
      ['ket-qua', 3],
      ['gop-y', 3],
    ]);
    expect(services.every((g) => g.overallItem === undefined)).toBe(true);
    // Câu 9 numbers its 33 items in order: 14 policy, then 19 services, all on the 1–5 satisfaction scale.
    const sat = q1001.items.filter((i) => i.measure === 'satisfaction');
    expect(sat.map((i) => i.id)).toEqual(Array.from({ length: 33 }, (_, k) => `c9.${k + 1}`));
    expect(new Set(sat.map((i) => i.scale))).toEqual(new Set(['hl5']));
    expect(q1001.scales['hl5']!.levels.map((l) => l.label)).toEqual([
      'Rất không hài lòng',
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
    ]);
  });

  it('has the 8 perception criteria of the decision as categorical questions, not 2640 agreement statements', () => {
    const questions = q1001.groups.filter(
      (g) => g.kind === 'question' && q1001.items.some((i) => i.group === g.id && i.measure === 'perception'),
    );
    expect(questions.map((g) => g.id)).toEqual([
      'nd-quan-tam',
      'nd-kenh',
      'nd-thong-tin',
      'nd-gop-y',
      'nd-phien-ha',
      'nd-dua-tien',
      'nd-ho-so',
      'nd-trai-nghiem',
    ]);
    expect(questions.every((g) => g.part === undefined)).toBe(true);
    // Câu 1: 8 policies; Câu 2–7: one each; Câu 8: 7 experiences.
    expect(questions.map((g) => itemsOf(q1001, g.id).length)).toEqual([8, 1, 1, 1, 1, 1, 1, 7]);
    expect(Object.keys(q1001.scales)).not.toContain('dong-y');
    expect(q1001.items.some((i) => /Nơi ngồi chờ/.test(i.text))).toBe(false);
    expect(q1001.scales['kenh']!.levels).toHaveLength(7);
    expect(q1001.scales['kenh']!.satisfied).toBeUndefined();
    // Only the questions whose published share is of one answer have one: "no civil servant causes trouble", "nobody pays".
    expect(
      Object.entries(q1001.scales)
        .filter(([, s]) => s.satisfied)
        .map(([k, s]) => [k, s.satisfied!.codes]),
    ).toEqual([
      ['hl5', [4, 5]],
      ['phien-ha', [1]],
      ['dua-tien', [1]],
      ['muc-do', [2, 3]],
    ]);
  });

  it('has the expectations as 9 items on 3 levels, the missing one said', () => {
    expect(itemsOf(q1001, 'md-uu-tien')).toEqual(['c10.1', 'c10.2', 'c10.3', 'c10.4', 'c10.5', 'c10.6', 'c10.7', 'c10.9', 'c10.10']);
    expect(q1001.scales['muc-do']!.levels.map((l) => l.label)).toEqual(['Ít', 'Nhiều', 'Rất nhiều']);
    expect(q1001.provenanceReport.assumptions.find((a) => a.label === 'groups.md-uu-tien')!.note).toMatch(/thiếu câu 8/);
  });

  it('uses no weights, declares every open choice with its provenance, and drops the unsupported note', () => {
    expect(q1001.options.weights.use).toBe(false);
    const assumed = Object.entries(q1001.options)
      .filter(([, o]) => (o as { provenance?: { status: string } }).provenance?.status === 'assumed')
      .map(([k]) => k);
    expect(assumed).toEqual(['noOpinion', 'group', 'part', 'overall', 'units', 'weights', 'interval']);
    expect(q1001.options.units).toMatchObject({ method: 'mean-of-units' });
    expect(q1001.options.rounding.provenance).toMatchObject({ status: 'verified', assumptions: [{ at: 'stage' }, { at: 'mode' }] });
    expect(q1001.notes).not.toMatch(/2022–2023 figures fit/);
    expect(q1001.notes).toMatch(/83,965/);
    expect(q1001.items.every((i) => i.wording === 'verified')).toBe(true);
  });
});

describe('1001: computing the indices', () => {
  // Province X: 2 respondents — every policy item 5 and 2 (50 %), every services item 4 and 4 (100 %): policy 50,
  // services 100, overall 75. Province Y: 1 respondent — policy 4 (100 %), services 1 (0 %): overall 50.
  const answers = (policy: number, services: number, extra: Record<string, number>) => {
    const a: Record<string, number> = { ...extra };
    for (let k = 1; k <= 33; k++) a[`c9.${k}`] = k <= 14 ? policy : services;
    return a;
  };
  const rows = [
    { unit: 'X', answers: answers(5, 4, { c4: 1, c2: 6, 'c10.1': 3 }) },
    { unit: 'X', answers: answers(2, 4, { c4: 1, c2: 1, 'c10.1': 1 }) },
    { unit: 'Y', answers: answers(4, 1, { c4: 3, c2: 6, 'c10.1': 2 }) },
  ];
  const tally = tallyRows(q1001, rows);

  it('each province: policy, services and overall', () => {
    const r = computeIndices(q1001, tally);
    const x = r.units.find((u) => u.unit === 'X')!;
    const y = r.units.find((u) => u.unit === 'Y')!;
    expect([x.policy!.exact, x.services!.exact, x.overall!.exact]).toEqual(['50', '100', '75']);
    expect([y.policy!.exact, y.services!.exact, y.overall!.exact]).toEqual(['100', '0', '50']);
  });

  it('the national figure is the mean of the provinces, as declared: (75 + 50) ÷ 2 = 62.5 — pooling would give 66.67', () => {
    const nat = combineUnits(q1001, tally).units[0]!;
    expect(nat.unit).toBe('*');
    expect(nat.respondents).toBe(3);
    expect(nat.overall).toMatchObject({ value: 62.5, exact: '125/2' });
    // The command line pools the units when --by unit is not given: the declared method still applies.
    expect(computeIndices(q1001, poolUnits(tally)).units[0]!.overall!.exact).toBe('125/2');
    // Pooled respondents: each policy item 2 of 3, each services item 2 of 3 → 66.666…, rounded at the overall
    // stage (declared) before use → 66.67 exactly.
    const pooledDoc = parse(read('questionnaires/sipas-1001-2023.yaml')) as { options: { units: { method: string } } };
    pooledDoc.options.units.method = 'pooled';
    const qp = loadQuestionnaire(pooledDoc);
    const pooled = combineUnits(qp, tallyRows(qp, rows)).units[0]!;
    expect(pooled.overall).toMatchObject({ value: 66.67, exact: '6667/100' });
  });

  it('perception: the share of each option, and the published share (no civil servant causes trouble)', () => {
    const r = computeIndices(q1001, tally);
    const x = r.units.find((u) => u.unit === 'X')!;
    const c4 = x.items.find((i) => i.id === 'c4')!;
    expect(c4.index).toMatchObject({ value: 100 });
    expect(c4.shares!.map((s) => [s.code, s.value])).toEqual([
      [1, 100],
      [2, 0],
      [3, 0],
    ]);
    // The channel question has no index, only shares: 1 of 2 loudspeakers, 1 of 2 internet.
    const c2 = x.items.find((i) => i.id === 'c2')!;
    expect(c2.index).toBeUndefined();
    expect(c2.shares!.filter((s) => s.count > 0).map((s) => [s.label, s.value])).toEqual([
      ['Qua loa phát thanh xã', 50],
      ['Qua mạng internet', 50],
    ]);
    expect(x.warnings.filter((w) => w.path.join('.') === 'items.c2')).toEqual([]);
    // Nationally, the mean of the provinces' shares: "không có" (100 + 0) ÷ 2 = 50.
    const nat = combineUnits(q1001, tally).units[0]!;
    expect(nat.items.find((i) => i.id === 'c4')!.shares![0]).toMatchObject({ code: 1, value: 50, exact: '50' });
    expect(nat.groups.find((g) => g.id === 'nd-phien-ha')!.perception!.exact).toBe('50');
    // Expectations count "Nhiều" and "Rất nhiều": X 1 of 2 (50), Y 1 of 1 (100); nationally 75.
    expect(nat.items.find((i) => i.id === 'c10.1')!.index!.exact).toBe('75');
  });

  it('every report says the questionnaire contains 18 assumptions', () => {
    const r = combineUnits(q1001, tally);
    expect(r.assumptions).toHaveLength(18);
    expect(r.method.units).toBe('mean-of-units');
    const table = renderSipasTable(r, 'en', q1001);
    expect(table).toContain('This questionnaire contains 18 assumptions (the method is not all sourced):');
    expect(table).toContain('  - options.weights: Không dùng trọng số');
    expect(table).toContain('  - groups[2] (groups.cs-chat-luong) items: Phiếu có 8 câu');
    expect(renderSipasTable(r, 'vi', q1001)).toContain('Bộ câu hỏi có 18 giả định');
    const md = renderSipasMarkdown(r, 'en', q1001);
    expect(md.split('\n').filter((l) => l.startsWith('- ')).length).toBe(18);
    expect(JSON.parse(JSON.stringify(r)).assumptions[0]).toMatchObject({ path: [], label: 'questionnaire', at: 'items' });
    // The options of a categorical question are rows of their own.
    expect(sipasRows(r, 'vi', q1001).filter((x) => x.level === 'option' && x.id.startsWith('c2='))).toHaveLength(7);
  });
});

describe('the rounding stage with units', () => {
  // One satisfaction item, precision 0. A: 5 of 8 satisfied = 62.5; B: 3 of 8 = 37.5.
  const doc = () => ({
    format: 'par-index/questionnaire@1',
    id: 'test.units',
    version: '1',
    title: 'Thử',
    issuer: 'Thử',
    decision: { number: '1/KH', date: '2024-01-02' },
    years: [2024],
    status: 'illustrative',
    scales: {
      hl5: {
        title: 'Hài lòng',
        levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `Mức ${c}` })),
        satisfied: { codes: [4, 5], legal: 'unverified' },
      },
    },
    groups: [{ id: 'g', part: 'services', kind: 'factor', title: 'G' }],
    items: [{ id: 'a', group: 'g', measure: 'satisfaction', scale: 'hl5', text: 'A', wording: 'illustrative' }],
    options: {
      noOpinion: { treatment: 'exclude', legal: 'unverified' },
      group: { method: 'mean-of-items', legal: 'unverified' },
      part: { method: 'mean-of-groups', legal: 'unverified' },
      overall: { method: 'services', legal: 'unverified' },
      units: { method: 'mean-of-units', legal: 'unverified' },
      rounding: { stage: 'overall', precision: 0, mode: 'half-up', legal: 'unverified' },
    },
  });
  const rows = [
    ...Array.from({ length: 8 }, (_, k) => ({ unit: 'A', answers: { a: k < 5 ? 4 : 2 } })),
    ...Array.from({ length: 8 }, (_, k) => ({ unit: 'B', answers: { a: k < 3 ? 5 : 1 } })),
  ];

  it('stage overall rounds each unit first: (63 + 38) ÷ 2 = 50.5 → 51', () => {
    const q = loadQuestionnaire(doc());
    expect(combineUnits(q, tallyRows(q, rows)).units[0]!.overall).toMatchObject({ value: 51, exact: '51' });
  });

  it('stage units rounds only the mean: (62.5 + 37.5) ÷ 2 = 50', () => {
    const d = doc();
    d.options.rounding.stage = 'units';
    const q = loadQuestionnaire(d);
    expect(combineUnits(q, tallyRows(q, rows)).units[0]!.overall).toMatchObject({ value: 50, exact: '50' });
  });

  it('pooled: 8 of 16 = 50', () => {
    const d = doc();
    d.options.units.method = 'pooled';
    const q = loadQuestionnaire(d);
    expect(combineUnits(q, tallyRows(q, rows)).units[0]!.overall!.exact).toBe('50');
  });

  it('a factor needs a part, a question may not hold a satisfaction item, a satisfaction item needs "satisfied" levels', () => {
    const d = doc() as Record<string, unknown> & { groups: Record<string, unknown>[]; scales: Record<string, Record<string, unknown>> };
    delete d.groups[0]!['part'];
    d.groups.push({ id: 'q', kind: 'question', title: 'Q' });
    (d['items'] as Record<string, unknown>[]).push({
      id: 'b',
      group: 'q',
      measure: 'satisfaction',
      scale: 'hl5',
      text: 'B',
      wording: 'illustrative',
    });
    d.scales['cat'] = {
      title: 'C',
      levels: [
        { code: 1, label: 'x' },
        { code: 2, label: 'y' },
      ],
    };
    (d['items'] as Record<string, unknown>[]).push({
      id: 'c',
      group: 'g',
      measure: 'expectation',
      scale: 'cat',
      text: 'C',
      wording: 'illustrative',
    });
    const r = checkQuestionnaire(d, { file: 'q.yaml' });
    expect(r.ok).toBe(false);
    const byPath = new Map(r.issues.map((i) => [i.path.join('.'), i]));
    expect(byPath.get('groups.0.part')!.message).toBe('group "g" is a factor: say which part it belongs to (services or policy)');
    expect(byPath.get('items.1.measure')!.messageVi).toMatch(/không chứa câu hỏi hài lòng/);
    expect(byPath.get('items.2.scale')!.message).toBe(
      'a expectation item needs a scale that says which answers count (satisfied); scale "cat" has none',
    );
  });
});

describe('the example of docs/sipas.md', () => {
  const text = [...read('docs/sipas.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((t) => t.startsWith('format: par-index/questionnaire@1'))!;
  const q = loadQuestionnaire(text, { file: 'docs/sipas.md' });
  // A: item 1 answered 5, 4, 4, 2; item 2 4, 4, 1, 1; item 3 1, 1, 1, 2. B: item 1 5, 5; item 2 4, 2; item 3 1, 3.
  const rows = [
    ...[
      [5, 4, 1],
      [4, 4, 1],
      [4, 1, 1],
      [2, 1, 2],
    ].map(([a, b, c]) => ({ unit: 'A', answers: { '1': a!, '2': b!, '3': c! } })),
    ...[
      [5, 4, 1],
      [5, 2, 3],
    ].map(([a, b, c]) => ({ unit: 'B', answers: { '1': a!, '2': b!, '3': c! } })),
  ];

  it('has the 8 assumptions the guide counts', () => {
    expect(q.provenanceReport.assumptions.map((a) => a.label)).toEqual([
      'scales.hl5.satisfied',
      'options.noOpinion',
      'options.group',
      'options.part',
      'options.units',
      'options.rounding',
      'options.weights',
      'options.interval',
    ]);
    expect(q.provenanceReport.unmarked).toEqual([]);
  });

  it('gives the figures the guide works out by hand', () => {
    const t = tallyRows(q, rows);
    const units = computeIndices(q, t).units;
    expect(units.map((u) => [u.unit, u.overall!.exact])).toEqual([
      ['A', '125/2'],
      ['B', '75'],
    ]);
    const province = combineUnits(q, t).units[0]!;
    expect(province.overall).toMatchObject({ value: 68.75, exact: '275/4' });
    expect(province.items[2]!.shares![0]).toMatchObject({ label: 'Không có công chức nào gây phiền hà', value: 62.5 });
    const pooled = computeIndices(
      q,
      tallyRows(
        q,
        rows.map((r) => ({ ...r, unit: 'P' })),
      ),
    ).units[0]!;
    expect(pooled.overall).toMatchObject({ value: 66.67, exact: '200/3' });
    expect(pooled.items[2]!.shares![0]!.value).toBe(66.67);
  });
});

describe('2640/QĐ-BNV: corrected where the sources verify it, the rest assumed', () => {
  it('the five factors with their verified wording', () => {
    expect(q2640.groups.map((g) => g.title)).toEqual([
      'Tiếp cận dịch vụ hành chính công của cơ quan hành chính nhà nước',
      'Thủ tục hành chính',
      'Công chức trực tiếp giải quyết công việc',
      'Kết quả cung ứng dịch vụ hành chính công',
      'Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị',
    ]);
  });

  it('perception statements are "đúng / không đúng", an assumption; no "Phân vân" scale', () => {
    expect(Object.keys(q2640.scales)).toEqual(['hl5', 'dung', 'chon']);
    expect(q2640.scales['dung']!.levels.map((l) => l.label)).toEqual(['Không đúng', 'Đúng']);
    expect(Object.values(q2640.scales).flatMap((sc) => sc.levels.map((l) => l.label))).not.toContain('Phân vân');
    const labels = q2640.provenanceReport.assumptions.map((a) => a.label);
    expect(labels).toEqual(expect.arrayContaining(['scales.dung', 'scales.chon', 'scales.hl5']));
    expect(q2640.provenanceReport.assumptions.find((a) => a.label === 'scales.chon')!.note).toMatch(/không tài liệu nào mô tả/);
  });

  it('used until 2021, the split of the 22 criteria assumed, 17 assumptions in all', () => {
    expect(q2640.years).toEqual([2017, 2018, 2019, 2020, 2021]);
    const r = q2640.provenanceReport;
    expect(r.assumptions.find((a) => a.label === 'questionnaire')).toMatchObject({
      at: 'items',
      note: expect.stringMatching(/4 \+ 5 \+ 6 \+ 3 \+ 4/),
    });
    // questionnaire split, 3 scales, 7 options (noOpinion, group, part, units, rounding stage and mode, weights,
    // interval: 8 lines, overall is derived), and one line per factor for its unverified items: 1 + 3 + 8 + 5 = 17.
    expect(r.assumptions).toHaveLength(17);
    expect(r.assumptions.filter((a) => a.at === 'items' && a.label.startsWith('groups.')).map((a) => [a.label, a.covers])).toEqual([
      ['groups.tiep-can', 6],
      ['groups.thu-tuc', 7],
      ['groups.cong-chuc', 6],
      ['groups.ket-qua', 4],
      ['groups.gop-y', 2],
    ]);
  });
});
