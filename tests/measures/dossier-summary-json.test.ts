/**
 * Dossier summaries read back from JSON (docs/scaling.md): `loadDossierSummary` checks a part against the
 * summary's schema before it is merged, gives back exactly the summary that was written, reads `"idLimit":
 * "all"` as Infinity, and refuses a bad part (a group named "__proto__" too) with a ParIndexError naming the path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { ParIndexError } from '../../src/core/errors.js';
import { parseCsv } from '../../src/core/table.js';
import { dossierSummaryJson } from '../../src/cli/dossiers.js';
import { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import { mergeSummaries } from '../../src/measures/summary-merge.js';
import { loadDossierSummary, type DossierSummary } from '../../src/measures/summary-schema.js';
import { root } from '../support/paths.js';

const cal = loadCalendar(readFileSync(`${root}/data/calendars/vn.yaml`, 'utf8'));
const PERIOD = { from: '2021-01-01', to: '2021-12-31' };
const HEADER = 'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận';
const rows = (unit: string, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `HS-${String(from + i).padStart(2, '0')},01/03/2021,5 ngày,03/03/2021,Đã giải quyết,${unit}`);

function summary(lines: string[], idLimit = 3): DossierSummary {
  const text = `${HEADER}\n${lines.join('\n')}\n`;
  return summariseDossiers([{ file: 'hs.csv', table: parseCsv(text, { file: 'hs.csv' }) }], {
    calendar: cal,
    period: PERIOD,
    by: 'unit',
    idLimit,
  }).summary;
}

function refused(f: () => unknown): ParIndexError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParIndexError) return e;
    throw e;
  }
  throw new Error('expected a ParIndexError');
}

describe('loadDossierSummary', () => {
  const a = summary([...rows('UBND xã A', 1, 4), 'HS-99,không phải ngày,5 ngày,,Đã giải quyết,UBND xã A']);
  const b = summary(rows('UBND xã B', 10, 2));

  it('gives back the summary JSON.stringify wrote, frozen, and it merges as the original does', () => {
    expect(a.rows.rejected).toBe(1);
    const back = loadDossierSummary(JSON.stringify(a), { file: 'a.json' });
    expect(back).toEqual(a);
    expect(Object.isFrozen(back) && Object.isFrozen(back.total.measures['received']!.ids)).toBe(true);
    expect(mergeSummaries(back, loadDossierSummary(JSON.parse(JSON.stringify(b))))).toEqual(mergeSummaries(a, b));
  });

  it('reads "idLimit": "all" as Infinity, so parts written with --ids all merge keeping every id', () => {
    const all = summary(rows('UBND xã A', 1, 5), Infinity);
    const back = loadDossierSummary(dossierSummaryJson(all));
    expect(back.idLimit).toBe(Infinity);
    expect(mergeSummaries(back, back).total.measures['received']).toEqual({
      count: 10,
      ids: [...all.total.measures['received']!.ids, ...all.total.measures['received']!.ids].sort(),
      idsTruncated: false,
    });
  });

  it('refuses idLimit null (what JSON.stringify makes of Infinity) with a reason in both languages', () => {
    const e = refused(() => loadDossierSummary(JSON.stringify(summary(rows('UBND xã A', 1, 2), Infinity)), { file: 'p.json' }));
    expect(e.issues[0]).toMatchObject({ code: 'schema.invalid-value', path: ['idLimit'], file: 'p.json' });
    expect(e.issues[0]!.message).toMatch(/write "all"/);
    expect(e.issues[0]!.messageVi).toMatch(/ghi "all"/);
  });

  it('refuses a group named "__proto__", as text or as data, naming it (the key is refused everywhere)', () => {
    const s = summary([...rows('__proto__', 1, 2), ...rows('UBND xã A', 5, 1)]);
    expect(Object.keys(s.groups)).toEqual(['UBND xã A', '__proto__']);
    for (const input of [JSON.stringify(s), JSON.parse(JSON.stringify(s)) as unknown]) {
      const e = refused(() => loadDossierSummary(input, { file: 'p.json' }));
      expect(e.issues.map((i) => [i.code, i.path.join('.'), i.file])).toEqual([['schema.unknown-key', 'groups.__proto__', 'p.json']]);
    }
  });

  it('reads a summary written before "missing" existed: the one field of "needs"', () => {
    const noApology = summary(rows('UBND xã A', 1, 2));
    const u = noApology.unavailable[0]!;
    const old = JSON.parse(JSON.stringify(noApology)) as { unavailable: Record<string, unknown>[] };
    for (const x of old.unavailable) delete x['missing'];
    const back = loadDossierSummary(old).unavailable[0]!;
    expect(back).toEqual({ measure: u.measure, needs: u.needs, missing: [u.needs] });
    expect(Object.isFrozen(back.missing)).toBe(true);
  });

  it('refuses a bad part, naming every problem and its path', () => {
    // A deliberately broken copy, edited path by path.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const bad = JSON.parse(JSON.stringify(a)) as Record<string, any>;
    bad.groups['UBND xã A'].measures['received'].count = 2.5;
    bad.rows.in = 99;
    bad.rejected[0].code = 'no.such-code';
    delete bad.total.rates;
    bad.by = 'province';
    const e = refused(() => loadDossierSummary(JSON.stringify(bad), { file: 'bad.json' }));
    expect(e.issues.every((i) => i.severity === 'error' && i.file === 'bad.json')).toBe(true);
    expect(e.issues.map((i) => i.path.join('.')).sort()).toEqual(
      ['by', 'groups.UBND xã A.measures.received.count', 'rejected.0.code', 'rows', 'total.rates'].sort(),
    );
    expect(refused(() => loadDossierSummary('[1, 2]')).issues[0]!.code).toBe('schema.invalid-type');
    expect(refused(() => loadDossierSummary('{ not json')).issues.length).toBeGreaterThan(0);
  });
});
