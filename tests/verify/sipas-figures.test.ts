/** Published SIPAS figures against the questionnaire's declared composition. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/document.js';
import { ParIndexError } from '../../src/core/errors.js';
import { readSipasFigures } from '../../src/io/sipas-figures-files.js';
import { readQuestionnaire } from '../../src/io/survey-source.js';
import { renderSipasFiguresMarkdown } from '../../src/report/sipas-figures.js';
import { loadSipasFigures, verifySipasFigures } from '../../src/verify/sipas-figures.js';

const q1001 = readQuestionnaire('questionnaires/sipas-1001-2023.yaml');
const q2640 = readQuestionnaire('questionnaires/sipas-2640-2017.yaml');
const figures = (f: Record<string, unknown>, q = q1001, more: Record<string, unknown> = {}) =>
  loadSipasFigures({ format: 'par-index/sipas-figures@1', questionnaire: 'q.yaml', figures: f, ...more }, q, { file: 'sipas.yaml' });
const GROUPS_2023 = { 'tiep-can': '83,00', 'thu-tuc': '83,02', 'cong-chuc': '83,12', 'ket-qua': '83,03', 'gop-y': '82,27' };

describe('verifySipasFigures', () => {
  it('flags the 2024 national overall, which the mean of the published parts does not give', () => {
    const r = verifySipasFigures(readSipasFigures('fixtures/published-tables/sipas-2024.figures.yaml'));
    // (83,84 + 84,09) ÷ 2 = 167,93 ÷ 2 = 83,965. Each part is within 0,005 of its true value, so is their mean;
    // 83,94 is within 0,005 of its own: 0,01 in all, and 83,94 is 0,025 away.
    expect(r.ok).toBe(false);
    expect(r.figures.map((f) => [f.index, f.composed, f.bound])).toEqual([['overall', '83.965', 0.005]]);
    const f = r.findings[0]!;
    expect([f.index, f.published, f.expected, f.composed, f.delta, f.tolerance]).toEqual(['overall', 83.94, 83.97, '83.965', -0.025, 0.01]);
    expect([f.file, f.path]).toEqual(['fixtures/published-tables/sipas-2024.figures.yaml', ['figures', 'overall']]);
    expect(f.message).toContain('mean of policy 83,84, services 84,09');
    expect(f.messageVi).toContain('cách tổng hợp đã khai báo');
    // A declared tolerance of 0,03 accepts it.
    expect(verifySipasFigures(readSipasFigures('fixtures/published-tables/sipas-2024.figures.yaml'), { tolerance: 0.03 }).ok).toBe(true);
  });

  it('composes services from the 2023 factors, and says the overall cannot be composed without policy', () => {
    const r = verifySipasFigures(readSipasFigures('fixtures/published-tables/sipas-2023.figures.yaml'));
    // (83,00 + 83,02 + 83,12 + 83,03 + 82,27) ÷ 5 = 414,44 ÷ 5 = 82,888.
    expect(r.figures.map((f) => [f.index, f.composed, f.published])).toEqual([['services', '82.888', null]]);
    expect(r.ok).toBe(true);
    expect(r.notComposed.map((n) => n.en)).toEqual(['overall: needs both policy and services (published or composed), policy missing']);
  });

  it('composes the overall from a composed part when the part is not published', () => {
    // services composed 82,888 (bound 0,005); policy 82,43 published: (82,43 + 82,888) ÷ 2 = 82,659, bound 0,005.
    // 82,66 is 0,001 away: consistent. 82,68 is 0,021 away, beyond 0,01.
    expect(verifySipasFigures(figures({ ...GROUPS_2023, policy: '82,43', overall: '82,66' })).ok).toBe(true);
    const r = verifySipasFigures(figures({ ...GROUPS_2023, policy: '82,43', overall: '82,68' }));
    expect(r.findings.map((f) => [f.index, f.composed])).toEqual([['overall', '82.659']]);
  });

  it('checks a published part against its groups', () => {
    // 82,888 against a published services 82,90: 0,012 > 0,005 + 0,005; 82,89 is 0,002 away.
    expect(verifySipasFigures(figures({ ...GROUPS_2023, services: '82,90' })).findings.map((f) => f.index)).toEqual(['services']);
    expect(verifySipasFigures(figures({ ...GROUPS_2023, services: '82,89' })).ok).toBe(true);
  });

  it('follows the declared composition: under 2640/2017 the overall is the services index', () => {
    // overall.method: services — the overall must be the services figure itself.
    expect(verifySipasFigures(figures({ services: '80,00', overall: '80,00' }, q2640)).ok).toBe(true);
    const r = verifySipasFigures(figures({ services: '80,00', overall: '80,10' }, q2640));
    expect(r.findings.map((f) => [f.index, f.expected, f.tolerance])).toEqual([['overall', 80, 0.01]]);
    expect(r.questionnaire.composition.en).toMatch(/SIPAS: services/);
  });

  it('refuses an index the questionnaire does not have, or a figure that is not a number', () => {
    try {
      figures({ 'tiep-can': '83', dich: '80', policy: 'tám mươi' });
      throw new Error('no error');
    } catch (e) {
      const is = (e as ParIndexError).issues;
      expect(is.map((i) => [i.code, i.file, i.path])).toEqual([
        ['schema.invalid-value', 'sipas.yaml', ['figures', 'dich']],
        ['verify.bad-value', 'sipas.yaml', ['figures', 'policy']],
      ]);
      expect(is[0]!.message).toMatch(/not an index of questionnaire vn\.bnv\.sipas\.1001/);
      expect(is[1]!.messageVi).toMatch(/không phải là số/);
    }
  });

  it('renders Markdown', () => {
    const md = renderSipasFiguresMarkdown(verifySipasFigures(readSipasFigures('fixtures/published-tables/sipas-2024.figures.yaml')), 'en');
    expect(md).toContain('| overall | 83.965 | 0.005 | 83.94 |');
    expect(md).toContain('1 published figure(s) the declared composition does not give.');
  });
});

describe('the guide (docs/verify.md, "Published SIPAS figures against their composition")', () => {
  it('its document is the committed 2024 fixture, flagged as the guide works out', () => {
    const section = /## Published SIPAS figures against their composition([\s\S]*?)\n## /.exec(readFileSync('docs/verify.md', 'utf8'))![1]!;
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const doc = parseText(yaml, { file: 'verify.md' });
    const fixture = parseText(readFileSync('fixtures/published-tables/sipas-2024.figures.yaml', 'utf8'), { file: 'x.yaml' }) as Record<
      string,
      unknown
    >;
    expect((doc as Record<string, unknown>)['figures']).toEqual(fixture['figures']);
    expect((doc as Record<string, unknown>)['questionnaire']).toBe(fixture['questionnaire']);
    const r = verifySipasFigures(loadSipasFigures(doc, q1001, { file: 'verify.md' }));
    // (83,84 + 84,09) ÷ 2 = 83,965; 83,94 is 0,025 away, beyond 0,005 + 0,005.
    expect(r.findings.map((f) => [f.index, f.composed, f.tolerance])).toEqual([['overall', '83.965', 0.01]]);
  });
});
