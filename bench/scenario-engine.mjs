// Scenario: evaluate N units against a criteria set of ~100 leaves (rates, threshold tables, tasks), trace off
// and on, against a hand-written loop that computes the same totals in integer hundredths.
import { loadCriteriaSet, loadEvidence, evaluate } from '../dist/index.js';
import { rng } from '../scripts/rng.mjs';

export { rng };

/** 8 fields × ~12–13 leaves = 100 leaves; every leaf 1 point, so the set's max is 100. */
export function buildSet(leaves = 100) {
  const fields = [];
  const measures = {};
  let k = 0;
  for (let f = 1; f <= 8; f++) {
    const children = [];
    const n = Math.floor(leaves / 8) + (f <= leaves % 8 ? 1 : 0);
    for (let c = 1; c <= n; c++, k++) {
      const num = `m${k}.done`;
      const base = `m${k}.all`;
      measures[num] = { title: num, unit: 'count' };
      measures[base] = { title: base, unit: 'count' };
      const rule =
        k % 3 === 2
          ? {
              kind: 'bands',
              ratio: { numerator: num, base },
              whenBaseZero: 'full',
              bands: [
                { min: 100, max: 100, maxInclusive: true, points: 1 },
                { min: 80, max: 100, points: 0.5 },
                { max: 80, points: 0 },
              ],
            }
          : { kind: 'rate', numerator: num, base, whenBaseZero: 'full', ...(k % 3 === 1 ? { target: 80 } : {}) };
      children.push({ id: `${f}.${c}`, title: `Tiêu chí ${f}.${c}`, max: 1, rule });
    }
    fields.push({ id: String(f), title: `Lĩnh vực ${f}`, max: children.length, children });
  }
  return {
    format: 'par-index/criteria@1',
    id: 'bench',
    version: '1',
    title: 'Bench',
    issuer: 'Bench',
    decision: { number: '1/QĐ', date: '2021-01-01' },
    level: 'commune',
    years: [2021],
    measures,
    tree: fields,
  };
}

export function buildEvidence(units, leaves = 100, seed = 1) {
  const r = rng(seed);
  const list = [];
  for (let u = 0; u < units; u++) {
    const measures = {};
    for (let k = 0; k < leaves; k++) {
      const all = Math.floor(r() * 200);
      measures[`m${k}.all`] = all;
      measures[`m${k}.done`] = Math.floor(all * (0.6 + 0.4 * r()));
    }
    list.push({ id: `u${u}`, name: `Xã ${u}`, measures });
  }
  return { format: 'par-index/evidence@1', year: 2021, source: 'bench', units: list };
}

/** The same totals by hand: integer hundredths, half-up, no library. */
export function handLoop(evData, leaves = 100) {
  const out = new Map();
  for (const u of evData.units) {
    const m = u.measures;
    let total = 0;
    for (let k = 0; k < leaves; k++) {
      const all = m[`m${k}.all`];
      const done = m[`m${k}.done`];
      let cents;
      if (all === 0) cents = 100;
      else if (k % 3 === 2) {
        const pct100 = done * 100; // compare done/all with thresholds exactly: done*100 vs 80*all
        cents = pct100 >= 100 * all ? 100 : pct100 >= 80 * all ? 50 : 0;
      } else if (k % 3 === 1) {
        // min(1, (done/all) / 0.8) × 1 point, in hundredths, half-up: done*100*100 / (all*80)
        const num = done * 10000;
        const den = all * 80;
        cents = num >= den * 100 ? 100 : Math.floor((2 * num + den) / (2 * den));
      } else {
        const num = done * 100;
        cents = Math.floor((2 * num + all) / (2 * all));
      }
      total += cents;
    }
    out.set(u.id, total);
  }
  return out;
}

export function prepare(units, leaves = 100) {
  const set = loadCriteriaSet(buildSet(leaves));
  const evData = buildEvidence(units, leaves);
  const ev = loadEvidence({ data: evData });
  return { set, ev, evData };
}

export function check(cards, hand) {
  for (const c of cards) {
    const h = hand.get(c.unit.id);
    if (Math.round(c.total * 100) !== h) throw new Error(`unit ${c.unit.id}: engine ${c.total}, hand ${h / 100}`);
  }
}

export { evaluate };
