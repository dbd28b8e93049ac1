/**
 * Issue 26, item 3: limits on every path, in memory included. Each input that lists units (score files, unit
 * maps, tallies, dossier summaries, survey responses, test cases), rows (published decisions, tables summarised
 * in memory) or draws is refused just over its limit, naming the limit, and accepted at it. The limits are set
 * low so that the data stays small.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { loadCases } from '../../src/cases/load.js';
import { ParIndexError } from '../../src/core/errors.js';
import { DEFAULT_LIMITS, resolveLimits, type Limits } from '../../src/core/limits.js';
import { parseCsv } from '../../src/core/table.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import { loadDossierSummary } from '../../src/measures/summary-schema.js';
import { rank } from '../../src/ranking/rank.js';
import { loadScoreCards } from '../../src/ranking/scores.js';
import { rankUncertainty } from '../../src/ranking/uncertainty.js';
import { loadUnitMap } from '../../src/ranking/unit-map.js';
import { renderJson } from '../../src/report/report.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { importResponses } from '../../src/sipas/responses.js';
import { tallyRows } from '../../src/sipas/tallier.js';
import { loadTally } from '../../src/sipas/tally-file.js';
import { loadPublishedDecision } from '../../src/verify/decision.js';
import { root } from '../support/paths.js';
import { makeEvidence, makeSet } from '../support/support.js';

/** The error `f` throws: a ParIndexError beyond the limit `key`, whose messages name the option. */
function beyond(key: keyof Limits, f: () => unknown): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ParIndexError);
  const i = (caught as ParIndexError).issues[0]!;
  expect(i.code).toBe('io.too-large');
  expect(i.message).toContain(`limits.${key}`);
  expect(i.messageVi).toContain(`limits.${key}`);
}

const set = makeSet([
  {
    id: '1',
    title: 'Lĩnh vực 1',
    max: 10,
    children: [{ id: '1.1', title: 'Tiêu chí', max: 10, rule: { kind: 'task', task: 'ke-hoach' } }],
  },
]);
const evidence = makeEvidence([{ id: 'an' }, { id: 'binh' }, { id: 'cuong' }]);

describe('limits: units', () => {
  it('a score file of 3 cards: refused under maxUnits 2, read under 3', () => {
    const text = renderJson(rank(evaluate(set, evidence), set.ranking));
    beyond('maxUnits', () => loadScoreCards(text, { file: 's.json', limits: { maxUnits: 2 } }));
    beyond('maxUnits', () => loadScoreCards(JSON.parse(text), { limits: { maxUnits: 2 } }));
    expect(loadScoreCards(text, { limits: { maxUnits: 3 } }).rows).toHaveLength(3);
  });

  it('a unit map of 2 entries: refused under maxUnits 1, read under 2', () => {
    const doc = {
      format: 'par-index/unit-map@1',
      decision: { number: '653/NQ-UBTVQH14', date: '2019-03-12' },
      entries: [
        { from: 'a', to: 'a-moi' },
        { from: 'b', to: 'b-moi' },
      ],
    };
    beyond('maxUnits', () => loadUnitMap(doc, { file: 'map.yaml', limits: { maxUnits: 1 } }));
    expect(loadUnitMap(doc, { limits: { maxUnits: 2 } }).entries).toHaveLength(2);
  });

  it('test cases: 2 cases are refused under maxUnits 1, read under 2', () => {
    const doc = {
      format: 'par-index/cases@1',
      criteria: 'x.yaml',
      cases: [
        { name: 'a', unit: {}, expect: { index: 0 } },
        { name: 'b', unit: {}, expect: { index: 0 } },
      ],
    };
    beyond('maxUnits', () => loadCases(doc, { limits: { maxUnits: 1 } }));
    expect(loadCases(doc, { limits: { maxUnits: 2 } }).cases).toHaveLength(2);
  });

  describe('survey responses and tallies', () => {
    const q = loadQuestionnaire({
      format: 'par-index/questionnaire@1',
      id: 'test.sipas',
      version: '1',
      title: 'Phiếu thử',
      issuer: 'Thử',
      decision: { number: '1/QĐ', date: '2023-01-02' },
      years: [2023],
      status: 'illustrative',
      scales: {
        hl5: {
          title: 'Hài lòng',
          levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `Mức ${c}` })),
          satisfied: { codes: [4, 5], legal: 'unverified' },
        },
      },
      groups: [{ id: 'g1', part: 'services', kind: 'factor', title: 'Yếu tố 1' }],
      items: [{ id: 'a1', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: 'A1', wording: 'illustrative' }],
      options: {
        noOpinion: { treatment: 'exclude', legal: 'unverified' },
        group: { method: 'mean-of-items', legal: 'unverified' },
        part: { method: 'mean-of-groups', legal: 'unverified' },
        overall: { method: 'services', legal: 'unverified' },
        rounding: { stage: 'overall', precision: 2, mode: 'half-up', legal: 'unverified' },
      },
    });
    const answers = [
      { unit: 'an', answers: { a1: 4 } },
      { unit: 'binh', answers: { a1: 5 } },
      { unit: 'an', answers: { a1: 2 } },
    ];
    const table = parseCsv('unit,a1\nan,4\nbinh,5\nan,2\n', { file: 'r.csv' });

    it('tallyRows: 2 units are refused under maxUnits 1, counted under 2', () => {
      beyond('maxUnits', () => tallyRows(q, answers, { limits: { maxUnits: 1 } }));
      expect(Object.keys(tallyRows(q, answers, { limits: { maxUnits: 2 } }).units)).toEqual(['an', 'binh']);
    });

    it('importResponses: the same, with the table named', () => {
      let err: ParIndexError | undefined;
      try {
        importResponses(q, table, { file: 'r.csv', limits: { maxUnits: 1 } });
      } catch (e) {
        err = e as ParIndexError;
      }
      expect(err?.issues[0]).toMatchObject({ code: 'io.too-large', file: 'r.csv' });
      expect(err?.issues[0]!.message).toContain('limits.maxUnits');
      expect(importResponses(q, table, { file: 'r.csv', limits: { maxUnits: 2 } }).report.rowsUsed).toBe(3);
    });

    it('loadTally: a tally of 2 units is refused under maxUnits 1, read under 2', () => {
      const text = JSON.stringify(tallyRows(q, answers));
      beyond('maxUnits', () => loadTally(text, q, { file: 't.json', limits: { maxUnits: 1 } }));
      expect(Object.keys(loadTally(text, q, { limits: { maxUnits: 2 } }).units)).toHaveLength(2);
    });
  });
});

describe('limits: rows and draws', () => {
  it('a decision with 2 inline rows: refused under maxRows 1, read under 2', () => {
    const doc = {
      format: 'par-index/published@1',
      rows: [
        { unit: 'Xã An', index: '90,10' },
        { unit: 'Xã Bình', index: '80,00' },
      ],
    };
    beyond('maxRows', () => loadPublishedDecision(doc, { file: 'qd.yaml', limits: { maxRows: 1 } }));
    expect(loadPublishedDecision(doc, { limits: { maxRows: 2 } }).rows).toHaveLength(2);
  });

  describe('dossier tables summarised in memory', () => {
    const cal = loadCalendar(readFileSync(`${root}/data/calendars/vn.yaml`, 'utf8'));
    const HEADER = 'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận';
    const csv = (ids: number[]) =>
      `${HEADER}\n${ids.map((i) => `HS-${i},01/03/2021,5 ngày,03/03/2021,Đã giải quyết,UBND xã A`).join('\n')}\n`;
    const tables = [
      { file: 'a.csv', table: parseCsv(csv([1, 2]), { file: 'a.csv' }) },
      { file: 'b.csv', table: parseCsv(csv([3]), { file: 'b.csv' }) },
    ];
    const opts = { calendar: cal, period: { from: '2021-01-01', to: '2021-12-31' } };

    it('summariseDossiers: 3 rows in all are refused under maxRows 2, summarised under 3', () => {
      beyond('maxRows', () => summariseDossiers(tables, { ...opts, limits: { maxRows: 2 } }));
      expect(summariseDossiers(tables, { ...opts, limits: { maxRows: 3 } }).summary.total.measures['received']!.count).toBe(3);
    });

    it('loadDossierSummary: a summary of 2 groups is refused under maxUnits 1, read under 2', () => {
      const two = [
        { file: 'a.csv', table: parseCsv(csv([1]), { file: 'a.csv' }) },
        { file: 'b.csv', table: parseCsv(csv([2]).replace('UBND xã A', 'UBND xã B'), { file: 'b.csv' }) },
      ];
      const text = JSON.stringify(summariseDossiers(two, { ...opts, by: 'unit' }).summary);
      beyond('maxUnits', () => loadDossierSummary(text, { file: 's.json', limits: { maxUnits: 1 } }));
      expect(Object.keys(loadDossierSummary(text, { limits: { maxUnits: 2 } }).groups)).toHaveLength(2);
    });
  });

  it('rankUncertainty: 4 draws are refused under maxDraws 3, drawn under 3', () => {
    beyond('maxDraws', () => rankUncertainty(set, evidence, undefined, { draws: 4, limits: { maxDraws: 3 } }));
    expect(rankUncertainty(set, evidence, undefined, { draws: 3, limits: { maxDraws: 3 } }).draws).toBe(3);
  });

  it('maxDraws defaults to the spec’s own bound and is set like every limit', () => {
    expect(DEFAULT_LIMITS.maxDraws).toBe(1_000_000);
    expect(resolveLimits({ maxDraws: 10 }).maxDraws).toBe(10);
  });
});
