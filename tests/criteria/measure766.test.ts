/**
 * The 766 index (Quyết định 766/QĐ-TTg) as a criteria set: its structure, provenance marks, declared policies,
 * and the national portal's published scores as test vectors (../shared/docs/criteria-766.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet, loadCriteriaSet } from '../../src/criteria/load.js';
import type { CriteriaNode } from '../../src/criteria/schema.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { root } from '../support/paths.js';

const text = readFileSync(`${root}criteria/national/766-2022.yaml`, 'utf8');
const set = loadCriteriaSet(text, { file: 'criteria/national/766-2022.yaml' });

function* nodes(tree: readonly CriteriaNode[]): Generator<CriteriaNode> {
  for (const n of tree) {
    yield n;
    if (n.children) yield* nodes(n.children);
  }
}
const node = (id: string) => [...nodes(set.tree)].find((n) => n.id === id)!;

/** Scores one unit with the given measures; returns the points of each node. */
function score(measures: Record<string, number>): Record<string, number> {
  const ev = loadEvidence({
    data: {
      format: 'par-index/evidence@1',
      year: 2024,
      source: 'Cổng Dịch vụ công quốc gia (vectơ thử)',
      units: [{ id: 'tinh', name: 'Tỉnh', measures }],
    },
  });
  const card = evaluate(set, ev)[0]!;
  return Object.fromEntries(card.nodes.map((n) => [n.id, n.points]));
}

describe('the 766 criteria set', () => {
  it('passes every check', () => {
    const r = checkCriteriaSet(text, { file: '766-2022.yaml' });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('has the five verified groups: 18, 20, 22, 22, 18 = 100', () => {
    const status = (n: CriteriaNode) => (typeof n.provenance === 'object' ? n.provenance.status : n.provenance);
    expect(set.tree.map((f) => [f.id, f.max, status(f)])).toEqual([
      ['1', 18, 'verified'],
      ['2', 20, 'verified'],
      ['3', 22, 'verified'],
      ['4', 22, 'verified'],
      ['5', 18, 'verified'],
    ]);
    for (const f of set.tree) expect(JSON.stringify(f.provenance), f.id).toMatch(/sonoivu\.namdinh\.gov\.vn/);
    expect(set.decision).toMatchObject({ number: '766/QĐ-TTg', date: '2022-06-23' });
    expect(set.status).toBe('operational');
  });

  it('gives every node its own provenance, and the portal indicators with their maxima', () => {
    for (const n of nodes(set.tree)) expect(typeof n.provenance, n.id).toBe('object');
    expect(node('3.1').titleEn).toMatch(/ORIGINAL_RESULT_AVAILABLE/);
    expect([node('1.1').max, node('1.4').max, node('3.1').max, node('4.1').max, node('4.2').max, node('5.1').max]).toEqual([
      6, 6, 6, 12, 10, 6,
    ]);
    // The split of online services 12 into 6 + 6 is this file's assumption, and says so.
    expect(node('4.1.1').provenance).toMatchObject({ status: 'assumed', note: expect.stringMatching(/6-point share/) });
    expect(node('4.1').notes).toMatch(/assumption/);
  });

  it('says which source it follows where the technical description and the portal disagree', () => {
    expect(set.notes).toMatch(/portal/);
    expect(node('3.2').notes).toMatch(/80 %.*portal is followed/s);
    expect((node('3.2').rule as { target?: number }).target).toBeUndefined();
    expect(node('5.2').notes).toMatch(/portal gives full points; the technical description would share them/);
    expect((node('5.2').rule as { whenBaseZero: string }).whenBaseZero).toBe('full');
  });
});

describe("the portal's published scores", () => {
  it('ORIGINAL_RESULT_AVAILABLE: 433356 / 597918 → 72.48 % → 4.35 of 6', () => {
    const p = score({ 'dossiers.electronicResult': 433356, 'dossiers.resolvedAll': 597918 });
    expect(p['3.1']).toBe(4.35);
  });

  it('the ratio is rounded to 2 decimals before scoring, as the portal prints it (declared in the formula)', () => {
    // A case where the order matters: 1 ÷ 1200 = 0.0833… % → printed 0.08 % → 0.08 × 6 ÷ 100 = 0.0048 → 0.00,
    // where the unrounded ratio would give 6 ÷ 1200 = 0.005 → 0.01.
    expect(node('3.1').rule).toMatchObject({ kind: 'formula', expr: expect.stringMatching(/round\(n \/ d \* 100, 2\)/) });
    expect(score({ 'dossiers.electronicResult': 1, 'dossiers.resolvedAll': 1200 })['3.1']).toBe(0);
  });

  it('DOSSIER_RECEIVING_SATISFACTION: 88.38 % → 5.89 of 6 (target 90 %)', () => {
    // 100 − 1162 ÷ 10000 × 100 = 88.38 %; 6 × 88.38 ÷ 90 = 5.892 → 5.89
    expect(score({ 'dossiers.negative': 1162, 'dossiers.resolvedAll': 10000 })['5.1']).toBe(5.89);
    expect(score({ 'dossiers.negative': 500, 'dossiers.resolvedAll': 10000 })['5.1']).toBe(6);
  });

  it('feedback 0 / 0 → full 6 on both feedback indicators', () => {
    const p = score({ 'feedback.received': 0, 'feedback.onTime': 0, 'feedback.satisfied': 0 });
    expect(p['5.2']).toBe(6);
    expect(p['5.3']).toBe(6);
    expect(score({ 'feedback.received': 4, 'feedback.onTime': 3, 'feedback.satisfied': 2 })['5.2']).toBe(4.5);
  });

  it('digitisation (3.2) is linear, as the portal scores it: 60 % → 2.4 of 4 (not 3 as an 80 % target would give)', () => {
    expect(score({ 'dossiers.digitised': 60, 'dossiers.received': 100 })['3.2']).toBe(2.4);
  });

  it('online payment (4.2), Phú Thọ 2026: the portal printed ratio 66.7 and 6.67 of 10 — not 8.34 against an 80 % target', () => {
    // 6 × 309542 ÷ 358625 → 5.18; 2 × (119 ÷ 313) ÷ 0.8 → 0.95; 2 × (68 ÷ 313) ÷ 0.8 → 0.54; 6.67 = 66.7 × 10 ÷ 100.
    const p = score({
      'dossiers.paidOnline': 309542,
      'dossiers.financialObligation': 358625,
      'procedures.paidOnline': 119,
      'procedures.withFeeOnPortal': 68,
      'procedures.withFee': 313,
    });
    expect([p['4.2.1'], p['4.2.2'], p['4.2.3'], p['4.2']]).toEqual([5.18, 0.95, 0.54, 6.67]);
  });
});

describe('dossier records feed the 766 index', () => {
  it('2.1 from an export through a descriptor: handled in time ÷ handled, suspended dossiers in neither', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readEvidenceSources } = await import('../../src/io/sources.js');
    const { dossierSource } = await import('../../src/io/dossier-source.js');
    const dir = mkdtempSync(join(tmpdir(), 'par-index-766-'));
    writeFileSync(
      join(dir, 'ho-so.csv'),
      [
        'Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận',
        'H1,01/04/2024,05/04/2024,05/04/2024,Đã giải quyết,Tỉnh', // on time
        'H2,01/04/2024,05/04/2024,02/04/2024,Đã giải quyết,Tỉnh', // early
        'H3,01/04/2024,05/04/2024,06/04/2024,Đã giải quyết,Tỉnh', // late
        'H4,06/04/2024,08/04/2024,08/04/2024,Đã giải quyết,Tỉnh', // on time
        'H5,28/04/2024,05/05/2024,,Đang xử lý,Tỉnh', // open at 30/4, not yet due
        'H6,20/04/2024,23/04/2024,,Đang xử lý,Tỉnh', // open at 30/4, overdue
        'H7,20/04/2024,23/04/2024,,Tạm dừng,Tỉnh', // suspended: neither handled nor in time
      ].join('\n') + '\n',
    );
    writeFileSync(
      join(dir, 'ho-so.source.yaml'),
      'format: par-index/dossier-source@1\nyear: 2024\nperiod: { from: 2024-04-01, to: 2024-04-30 }\nrecords: ho-so.csv\nunits: { Tỉnh: { id: tinh, name: Tỉnh } }\nmeasures: { dossiers.handledInTime: handled.inTime, dossiers.handled: handled }\nsource: Hệ thống một cửa (vectơ thử)\n',
    );
    const ev = await readEvidenceSources(dir, { readers: [dossierSource] });
    expect(ev.units[0]!.measures['dossiers.handled']!.value).toBe(6);
    expect(ev.units[0]!.measures['dossiers.handledInTime']!.value).toBe(4);
    expect(ev.units[0]!.measures['dossiers.handledInTime']!.source).toMatch(/mã hồ sơ: H1, H2, H4, H5$/);
    const card = evaluate(set, ev)[0]!;
    // 20 × 4/6 = 13.333… → 13.33 (2 decimals, half-up).
    expect(card.nodes.find((n) => n.id === '2.1')!.points).toBe(13.33);
  });
});
