/**
 * Prototype pollution (issue 9): `__proto__`, `constructor` and `prototype` as keys and names in YAML, JSON, CSV
 * headers and cells, column mappings, unit ids, measure names and node ids. Each loads as data or is refused
 * with a ParIndexError that names the place, and Object.prototype is untouched afterwards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkData, parseText } from '../../src/core/document.js';
import { ParIndexError } from '../../src/core/errors.js';
import { parseCsv } from '../../src/core/table.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadInspectionPlan } from '../../src/inspection/plan.js';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { importResponses } from '../../src/sipas/responses.js';
import { tallyRows } from '../../src/sipas/tallier.js';
import { loadPublishedDecision } from '../../src/verify/decision.js';
import { decisionFromTable } from '../../src/verify/decision-table.js';
import { parsePublished } from '../../src/verify/published.js';
import { readColumnMapping, summariseRecordFiles, readCalendar } from '../../src/io/dossier-source.js';
import { criteriaDoc } from '../support/support.js';
import { expectParIndexError, hostileFile } from '../support/hostile-support.js';

const tmp = hostileFile('par-proto-');

function refused(f: () => unknown, file: string | undefined): ParIndexError {
  try {
    f();
  } catch (e) {
    expectParIndexError(e, file);
    return e;
  }
  throw new Error('expected a ParIndexError');
}

const ev = (unit: Record<string, unknown>) => ({
  format: 'par-index/evidence@1',
  year: 2021,
  source: 'Báo cáo',
  units: [{ id: 'a', name: 'Xã A', ...unit }],
});

describe('__proto__ keys are refused wherever they appear, text or parsed data', () => {
  const texts: [string, string, (string | number)[]][] = [
    ['YAML top level', '__proto__: { polluted: 1 }\nformat: x', ['__proto__']],
    ['YAML nested', 'a:\n  b: [1, { __proto__: { polluted: 1 } }]', ['a', 'b', 1, '__proto__']],
    ['YAML quoted key', '"__proto__": { polluted: 1 }', ['__proto__']],
    ['JSON', '{"units": [{"attributes": {"__proto__": {"polluted": 1}}}]}', ['units', 0, 'attributes', '__proto__']],
    ['YAML via an alias', 'x: &p { polluted: 1 }\ny: { __proto__: *p }', ['y', '__proto__']],
  ];
  it.each(texts)('parseText refuses %s with the path', (_label, text, path) => {
    const file = text.startsWith('{') ? 'x.json' : 'x.yaml';
    const e = refused(() => parseText(text, { file }), file);
    expect(e.issues[0]!.code).toBe('schema.unknown-key');
    expect(e.issues[0]!.path).toEqual(path);
    expect(e.issues[0]!.messageVi).toContain('__proto__');
  });

  it('refuses parsed JSON data given to the loaders (JSON.parse keeps __proto__ as an own key)', () => {
    const bad = JSON.parse(
      '{"format":"par-index/evidence@1","year":2021,"source":"s","units":[{"id":"a","name":"A","attributes":{"__proto__":{"polluted":1}}}]}',
    ) as unknown;
    const e = refused(() => loadEvidence([{ data: bad, file: 'e.json' }]), 'e.json');
    expect(e.issues[0]!.path).toEqual(['units', 0, 'attributes', '__proto__']);
    // Before the fix, the attribute vanished silently and the unit's attributes object inherited {polluted: 1}.
    expect(checkData(bad)).toHaveLength(1);
    const doc = JSON.parse(
      JSON.stringify(
        criteriaDoc([{ id: '1', title: 'L', max: 1, children: [{ id: '1.1', title: 'T', max: 1, rule: { kind: 'task', task: 't' } }] }]),
      ).replace('"measures":{', '"measures":{"__proto__":{"title":"x","unit":"count"},'),
    ) as unknown;
    expect(refused(() => loadCriteriaSet(doc, { file: 'c.json' }), 'c.json').issues[0]!.path).toEqual(['measures', '__proto__']);
    const plan = JSON.parse('{"format":"par-index/inspection-plan@1","units":{"__proto__":{"name":"x"}}}') as unknown;
    expect(refused(() => loadInspectionPlan(plan, { file: 'i.json' }), 'i.json').issues[0]!.path).toEqual(['units', '__proto__']);
    const cal = JSON.parse('{"format":"par-index/calendar@1","years":{"__proto__":{}}}') as unknown;
    expect(refused(() => loadCalendar(cal, { file: 'cal.json' }), 'cal.json').issues[0]!.path).toEqual(['years', '__proto__']);
    const pub = JSON.parse(
      '{"format":"par-index/published@1","year":2021,"rows":[{"unit":"A","fields":{"__proto__":"9"},"total":"9"}]}',
    ) as unknown;
    expect(refused(() => loadPublishedDecision(pub, { file: 'p.json' }), 'p.json').issues[0]!.path).toEqual([
      'rows',
      0,
      'fields',
      '__proto__',
    ]);
    expect(refused(() => parsePublished(pub, { file: 'p.json' }), 'p.json').issues[0]!.code).toBe('schema.unknown-key');
  });

  it('refuses a column-mapping file whose word table has a __proto__ key', () => {
    const p = join(tmp.dir, 'map.json');
    writeFileSync(p, '{"format":"par-index/dossier-columns@1","values":{"status":{"__proto__":"resolved"}}}');
    const e = refused(() => readColumnMapping(p), undefined);
    expect(e.issues[0]!.path).toEqual(['values', 'status', '__proto__']);
  });
});

describe('constructor and prototype load as plain data', () => {
  it('as measure names, task ids, attribute keys and appraisal node keys of evidence', () => {
    const e = loadEvidence([
      {
        data: ev({
          measures: { constructor: 1, prototype: 2 },
          tasks: { constructor: { done: '2021-03-01' } },
          attributes: { constructor: 'x', prototype: 3 },
        }),
        file: 'e.json',
      },
    ]);
    const u = e.units[0]!;
    expect(Object.keys(u.measures)).toEqual(['constructor', 'prototype']);
    expect(u.measures['constructor']).toEqual({ value: 1, source: 'Báo cáo' });
    expect(u.tasks['constructor']!.done).toBe('2021-03-01');
    expect(u.attributes).toEqual({ constructor: 'x', prototype: 3 });
  });

  it('as measure names a criteria set reads: present values score, absent ones are missing, not Object.prototype members', () => {
    const set = loadCriteriaSet(
      criteriaDoc(
        [
          {
            id: '1',
            title: 'L',
            max: 2,
            children: [
              { id: '1.1', title: 'T', max: 2, rule: { kind: 'rate', numerator: 'toString', base: 'constructor', whenBaseZero: 'full' } },
            ],
          },
        ],
        {
          measures: { toString: { title: 'x', unit: 'count' }, constructor: { title: 'y', unit: 'count' } },
        },
      ),
    );
    const scored = evaluate(set, loadEvidence([{ data: ev({ measures: { toString: 5, constructor: 10 } }) }]))[0]!;
    expect(scored.nodes.find((n) => n.id === '1.1')!.points).toBe(1);
    const missing = evaluate(set, loadEvidence([{ data: ev({ measures: {} }) }]))[0]!;
    expect(missing.nodes.find((n) => n.id === '1.1')!.status).toBe('missing');
    expect(missing.nodes.find((n) => n.id === '1.1')!.points).toBe(0);
  });

  it('as unit ids: "constructor" is a unit like any other; "__proto__" is not an id', () => {
    const e = loadEvidence([
      {
        data: {
          ...ev({}),
          units: [
            { id: 'constructor', name: 'C' },
            { id: 'prototype', name: 'P' },
          ],
        },
      },
    ]);
    expect(e.units.map((u) => u.id)).toEqual(['constructor', 'prototype']);
    const bad = refused(() => loadEvidence([{ data: { ...ev({}), units: [{ id: '__proto__', name: 'X' }] }, file: 'e.json' }]), 'e.json');
    expect(bad.issues[0]!.path).toEqual(['units', 0, 'id']);
  });

  it('as node ids of a criteria set: refused by the node-id format when they start with "_", kept otherwise', () => {
    const tree = (id: string) => [
      { id: '1', title: 'L', max: 1, children: [{ id, title: 'T', max: 1, rule: { kind: 'task', task: 't' } }] },
    ];
    const r = refused(() => loadCriteriaSet(criteriaDoc(tree('__proto__')), { file: 'c.yaml' }), 'c.yaml');
    expect(r.issues.some((i) => i.path.join('.') === 'tree.0.children.0.id')).toBe(true);
    // A sub-criterion named "constructor" breaks the decision's numbering, which the checks report — as data.
    const c = (() => {
      try {
        return loadCriteriaSet(criteriaDoc(tree('constructor')), { file: 'c.yaml' });
      } catch (e) {
        expectParIndexError(e, 'c.yaml');
        return e;
      }
    })();
    if (c instanceof ParIndexError) expect(c.issues.every((i) => i.code !== 'schema.unknown-key')).toBe(true);
    else expect(c.tree[0]!.children![0]!.id).toBe('constructor');
  });
});

describe('CSV headers and cells', () => {
  const q = loadQuestionnaire(readFileSync('questionnaires/van-lam-commune-2021.yaml', 'utf8'), { file: 'q.yaml' });
  const lines = readFileSync('fixtures/van-lam-2021/survey/responses-2021.csv', 'utf8').split(/\r?\n/);

  it('survey responses: a row whose unit is "__proto__" is rejected with its reason, "constructor" is a unit', () => {
    const csv = [lines[0], lines[1]!.replace('chi-dao', '__proto__'), lines[2]!.replace('chi-dao', 'constructor'), lines[3]].join('\n');
    const { tally, report } = importResponses(q, parseCsv(csv, { file: 'r.csv' }), { file: 'r.csv' });
    // Before the fix, the "__proto__" row counted as used but vanished from the tally (it set the prototype).
    expect(report).toMatchObject({ rowsIn: 3, rowsUsed: 2, rowsRejected: 1, rejectedRows: [2] });
    expect(report.issues[0]!.message).toContain('"__proto__" cannot be a unit');
    expect(Object.keys(tally.units)).toEqual(['chi-dao', 'constructor']);
    expect(Object.getPrototypeOf(tally.units)).toBe(Object.prototype);
    expect(() => tallyRows(q, [{ unit: '__proto__', answers: {} }])).toThrow(ParIndexError);
  });

  it('survey responses: headers "__proto__" and "constructor" are unknown columns, or ignored when named in ignore', () => {
    for (const h of ['__proto__', 'constructor', 'prototype']) {
      const csv = [lines[0]!.replace('phieu', h), lines[1]].join('\n');
      const e = refused(() => importResponses(q, parseCsv(csv), { file: 'r.csv' }), 'r.csv');
      expect(e.issues[0]!.code).toBe('sipas.unknown-column');
      expect(e.issues[0]!.path).toEqual(['header', h]);
      expect(importResponses(q, parseCsv(csv), { file: 'r.csv', ignore: [h] }).report.rowsUsed).toBe(1);
    }
  });

  it('published decision tables: units named "__proto__", "constructor", "hasOwnProperty" are rows like others', () => {
    const d = decisionFromTable(
      parseCsv('Đơn vị;Tổng điểm;Xếp hạng\n__proto__;90;1\nconstructor;80;2\nhasOwnProperty;70;3\n'),
      parsePublished({ format: 'par-index/published@1', year: 2021, table: 'x.csv' }),
      { file: 'd.csv' },
    );
    expect(d.rows.map((r) => [r.unit, r.total?.value, r.rank?.rank])).toEqual([
      ['__proto__', 90, 1],
      ['constructor', 80, 2],
      ['hasOwnProperty', 70, 3],
    ]);
  });

  it('published decision tables: a "__proto__" header is an unknown column, named', () => {
    const e = refused(
      () =>
        decisionFromTable(
          parseCsv('Đơn vị;__proto__;Tổng điểm\nA;9;90\n'),
          parsePublished({ format: 'par-index/published@1', year: 2021, table: 'x.csv' }),
          { file: 'd.csv' },
        ),
      'd.csv',
    );
    expect(e.issues[0]!.code).toBe('verify.unknown-column');
  });

  // Routed (src/measures/dossier-aggregator.ts is outside this change): DossierAggregator.finish builds
  // `groups[key] = …` on a plain object, so a unit written "__proto__" in an export sets the prototype of the
  // summary's groups instead of adding a group: the row counts as used but its group is lost.
  it('dossier records: a unit named "__proto__" keeps its group (or the row is rejected with a reason)', async () => {
    const rec = readFileSync('fixtures/van-lam-2021/ho-so-mot-cua-2021.csv', 'utf8').split(/\r?\n/);
    const p = join(tmp.dir, 'r.csv');
    writeFileSync(
      p,
      [rec[0], rec[1]!.replace('UBND xã Lạc Đạo', '__proto__'), rec[2]!.replace('UBND thị trấn Như Quỳnh', 'constructor'), rec[3]].join(
        '\n',
      ),
    );
    const s = await summariseRecordFiles([p], {
      calendar: readCalendar('vn'),
      period: { from: '2020-01-01', to: '2021-12-31' },
      by: 'unit',
    });
    expect(Object.getPrototypeOf(s.groups)).toBe(Object.prototype);
    const inGroups = Object.values(s.groups).reduce((n, g) => n + (g.measures['received']?.count ?? 0), 0);
    expect(inGroups + s.rows.rejected).toBe(3);
    expect(s.rows.in).toBe(3);
  });
});
