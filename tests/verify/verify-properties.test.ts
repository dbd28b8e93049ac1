/**
 * Properties of verify: a table published from evaluate() always verifies clean; changing any one printed number
 * (or band) makes verify report that cell, and nothing but what depends on it.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank } from '../../src/ranking/rank.js';
import { loadPublishedDecision } from '../../src/verify/decision.js';
import type { Discrepancy } from '../../src/verify/types.js';
import { verifyDecision } from '../../src/verify/verify.js';
import { ERRONEOUS_NAME, publishedFiles, PUBLISHED_NAME } from '../../scripts/generate-van-lam-published.js';
import { makeEvidence, makeSet } from '../support/support.js';

const bands = {
  levels: [
    { id: 'tot', label: 'Tốt', min: 80 },
    { id: 'kha', label: 'Khá', min: 50, max: 80 },
    { id: 'yeu', label: 'Yếu', max: 50 },
  ],
};
function setOf(precision: number, tieBreak: unknown[]) {
  return makeSet(
    [
      {
        id: '1',
        title: 'Chỉ đạo điều hành',
        max: 10,
        children: [{ id: '1.1', title: 'a', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } }],
      },
      // Not applicable when nothing was received: the unit's maximum drops to 10, so rows print different maxima.
      {
        id: '2',
        title: 'Thủ tục hành chính',
        max: 7.5,
        children: [
          {
            id: '2.1',
            title: 'b',
            max: 7.5,
            rule: { kind: 'rate', numerator: 'violations', base: 'received', whenBaseZero: 'not-applicable' },
          },
        ],
      },
      {
        id: '3',
        title: 'Công vụ',
        max: 2.5,
        children: [
          { id: '3.1', title: 'c', max: 2.5, rule: { kind: 'rate', numerator: 'onTime', base: 'received', whenBaseZero: 'zero' } },
        ],
      },
    ],
    { rounding: { precision, indexPrecision: 2 }, bands, ranking: { method: 'competition', on: 'rounded', tieBreak } },
  );
}

const unitArb = fc.record({
  resolved: fc.integer({ min: 1, max: 9 }),
  onTimeShare: fc.integer({ min: 0, max: 9 }),
  received: fc.integer({ min: 0, max: 9 }),
  vShare: fc.integer({ min: 0, max: 9 }),
});
const caseOf = (min: number, max: number) =>
  fc.record({
    units: fc.array(unitArb, { minLength: min, maxLength: max }),
    precision: fc.constantFrom(1, 2),
    tieBreak: fc.constantFrom<unknown[]>([], [{ by: 'name' }], [{ by: 'node', id: '1' }, { by: 'name' }]),
  });
const caseArb = caseOf(2, 7);

function publish(c: {
  units: { resolved: number; onTimeShare: number; received: number; vShare: number }[];
  precision: number;
  tieBreak: unknown[];
}) {
  const set = setOf(c.precision, c.tieBreak);
  const ev = makeEvidence(
    c.units.map((u) => {
      const onTime = Math.min(u.resolved, Math.round((u.resolved * u.onTimeShare) / 9));
      return {
        measures: {
          resolved: u.resolved,
          onTime: Math.min(onTime, u.received === 0 ? onTime : Math.min(onTime, u.received)),
          received: u.received,
          violations: Math.round((u.received * u.vShare) / 9),
        },
      };
    }),
  );
  const ranking = rank(evaluate(set, ev), set.ranking);
  const { files } = publishedFiles(set, ranking);
  return {
    set,
    ranking,
    doc: JSON.parse(files[`${PUBLISHED_NAME}.json`]!) as { rows: Record<string, unknown>[]; summary: { band: string; count: number }[] },
  };
}

const key = (d: Discrepancy) => `${d.row ?? '-'}|${d.cell}|${d.field ?? ''}|${d.kind}`;

describe('verify (properties)', () => {
  test.prop([caseArb], { numRuns: 60 })(
    'a table published from evaluate() verifies clean, on its own and against the recomputation',
    (c) => {
      const { set, ranking, doc } = publish(c);
      const decision = loadPublishedDecision(doc, { file: 'qd.json' });
      expect(verifyDecision(decision).discrepancies).toEqual([]);
      const r = verifyDecision(decision, { set, ranking });
      expect(r.discrepancies).toEqual([]);
      expect(r.ok).toBe(true);
    },
  );

  const cellArb = fc.constantFrom('field:1', 'field:2', 'field:3', 'total', 'max', 'index', 'rank', 'band', 'summary');
  test.prop([caseArb, cellArb, fc.nat(), fc.integer({ min: 1, max: 40 }), fc.boolean()], { numRuns: 200 })(
    'one changed cell is reported, and only what depends on it',
    (c, cell, pick, step, up) => {
      const { set, ranking, doc } = publish(c);
      const i = pick % doc.rows.length;
      const row = doc.rows[i]!;
      const bump = (s: string, decimals: number) => {
        const v = Number(s.replace(',', '.'));
        const d = (up ? 1 : -1) * step * 10 ** -decimals;
        return (v + d).toFixed(decimals).replace('.', ',');
      };
      const fileRow = i + 1;
      let must: RegExp;
      let allowed: RegExp;
      if (cell.startsWith('field:')) {
        const f = cell.slice(6);
        const fields = row['fields'] as Record<string, string>;
        fields[f] = bump(fields[f]!, c.precision);
        must = new RegExp(`^${fileRow}\\|field\\|${f}\\|(field-differs|above-max)$`);
        // When ties are broken on this field, the printed order of tied units depends on it: rank reports may follow.
        const breaksTies = c.tieBreak.some((k) => (k as { by: string; id?: string }).by === 'node' && (k as { id?: string }).id === f);
        allowed = breaksTies
          ? new RegExp(`^(${fileRow}\\|(total\\|\\|sum|field\\|${f}\\|(field-differs|above-max))|\\d+\\|rank\\|\\|rank)$`)
          : new RegExp(`^${fileRow}\\|(total\\|\\|sum|field\\|${f}\\|(field-differs|above-max))$`);
      } else if (cell === 'total' || cell === 'max' || cell === 'index') {
        row[cell] = bump(row[cell] as string, cell === 'index' ? 2 : c.precision);
        if (cell === 'max' && Number((row['max'] as string).replace(',', '.')) <= 0) return;
        must = new RegExp(`^${fileRow}\\|${cell}\\|`);
        allowed =
          cell === 'total'
            ? new RegExp(`^${fileRow}\\|(total\\|\\|(sum|total-differs)|index\\|\\|index)$`)
            : cell === 'index'
              ? new RegExp(`^${fileRow}\\|index\\|\\|(index|index-differs)$`)
              : // A misprinted maximum changes the index the table implies, so ranks (any row) and this row's band may follow.
                new RegExp(`^(${fileRow}\\|(max\\|\\|max-differs|index\\|\\|index|band\\|\\|band)|\\d+\\|rank\\|\\|rank)$`);
      } else if (cell === 'rank') {
        const [k, n] = String(row['rank']).split('/').map(Number) as [number, number];
        const other = ((k - 1 + step) % (n + 1)) + 1;
        if (other === k) return;
        row['rank'] = `${other}/${n}`;
        must = new RegExp(`^${fileRow}\\|rank\\|\\|rank$`);
        allowed = new RegExp(`^${fileRow}\\|rank\\|\\|(rank|rank-differs)$`);
      } else if (cell === 'band') {
        const labels = bands.levels.map((b) => b.label);
        row['band'] = labels[(labels.indexOf(row['band'] as string) + 1 + (step % 2)) % labels.length]!;
        must = new RegExp(`^${fileRow}\\|band\\|\\|band$`);
        allowed = new RegExp(`^(${fileRow}\\|band\\|\\|(band|band-differs)|-\\|(count|percent)\\|[^|]+\\|summary)$`);
      } else {
        const s = doc.summary[pick % doc.summary.length]!;
        s.count += up ? step : -Math.min(step, s.count) || 1;
        must = new RegExp(`^-\\|count\\|${s.band}\\|summary$`);
        allowed = new RegExp(`^-\\|(count|percent)\\|${s.band}\\|summary$`);
      }
      const decision = loadPublishedDecision(doc, { file: 'qd.json' });
      const found = verifyDecision(decision, { set, ranking }).discrepancies.map(key);
      expect(
        found.some((k) => must.test(k)),
        `${cell}: ${found.join(', ')}`,
      ).toBe(true);
      for (const k of found) expect(allowed.test(k), `${cell} row ${fileRow}: unexpected ${k} among ${found.join(', ')}`).toBe(true);
    },
  );

  test.prop([caseOf(8, 12)], { numRuns: 40 })("the generator's erroneous copy reports exactly its planted errors", (c) => {
    const { set, ranking } = publish(c);
    const { files, planted } = publishedFiles(set, ranking);
    const decision = loadPublishedDecision(JSON.parse(files[`${ERRONEOUS_NAME}.json`]!));
    const found = verifyDecision(decision, { set, ranking }).discrepancies.map(key);
    const rows = JSON.parse(files[`${ERRONEOUS_NAME}.json`]!).rows as { unitId: string }[];
    const rowOf = (id: string) => rows.findIndex((r) => r.unitId === id) + 1;
    // Every planted error must be found, and nothing else may be. A planted field value can be both above its
    // maximum and different from the recomputation: that cell may then be reported twice, once per kind.
    const must: RegExp[] = [];
    const allowed: RegExp[] = [];
    for (const p of planted) {
      if (p.what === 'field') {
        const row = rowOf(p.units[0]!);
        must.push(new RegExp(`^${row}\\|field\\|3\\|(field-differs|above-max)$`));
        // The total's add-up is judged within what n fields each rounded on its own allow (n × ½·10^-p): a
        // slip of one last digit over several fields may be rounding, so the sum must be reported only beyond it.
        const slip = Math.abs(Number(p.printed.replace(',', '.')) - Number(p.correct.replace(',', '.')));
        if (slip > decision.fields.length * 0.5 * 10 ** -c.precision + 1e-9) must.push(new RegExp(`^${row}\\|total\\|\\|sum$`));
        allowed.push(new RegExp(`^${row}\\|field\\|3\\|(field-differs|above-max)$`), new RegExp(`^${row}\\|total\\|\\|sum$`));
      }
      if (p.what === 'ranks-swapped') for (const u of p.units) must.push(new RegExp(`^${rowOf(u)}\\|rank\\|\\|rank$`));
      if (p.what === 'band') must.push(new RegExp(`^${rowOf(p.units[0]!)}\\|band\\|\\|band$`));
    }
    allowed.push(...must);
    for (const re of must)
      expect(
        found.some((k) => re.test(k)),
        `${re} in ${found.join(', ')}`,
      ).toBe(true);
    for (const k of found)
      expect(
        allowed.some((re) => re.test(k)),
        `unexpected ${k} among ${found.join(', ')}`,
      ).toBe(true);
    // At most one extra report per planted field (its second kind).
    expect(found.length, found.join(', ')).toBeLessThanOrEqual(must.length + planted.filter((p) => p.what === 'field').length);
  });
});
