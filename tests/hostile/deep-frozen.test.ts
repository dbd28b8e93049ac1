/**
 * Everything returned is deeply frozen (issue 21, item 10): a walk over every object and array reachable from the
 * results of the main API functions on the bundled example (criteria set, evidence with its sources, score cards
 * with the trace, ranking, office tables, flat rows, a verification with its tables, survey responses and
 * indices, a dossier summary, a year-over-year comparison, rank uncertainty) finds none that is not frozen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_READERS } from '../../src/cli/readers.js';
import { parseCsv } from '../../src/core/table.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { readCriteriaSet } from '../../src/io/criteria-files.js';
import { summariseDescriptor } from '../../src/io/dossier-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { readQuestionnaire } from '../../src/io/survey-source.js';
import { readPublishedDecision } from '../../src/io/verify-files.js';
import { compareYears } from '../../src/ranking/compare.js';
import { cardsOf, rank } from '../../src/ranking/rank.js';
import { score } from '../../src/ranking/score.js';
import { rankUncertainty } from '../../src/ranking/uncertainty.js';
import { officeTables } from '../../src/report/office-tables.js';
import { fieldRows, traceRows, unitRows, warningRows } from '../../src/report/rows.js';
import { verifyTables } from '../../src/report/verify.js';
import { computeIndices } from '../../src/sipas/indices.js';
import { importResponses } from '../../src/sipas/responses.js';
import { decisionFields, verifyDecision } from '../../src/verify/verify.js';
import { root } from '../support/paths.js';
import { CORPUS_CASES } from '../support/hostile-support.js';

const fx = join(root, 'fixtures/van-lam-2021');
const set = readCriteriaSet(join(root, 'criteria/examples/van-lam-commune-2021.yaml'));
const evidence = await readEvidenceSources([fx], { readers: SOURCE_READERS, set });

/** Every place (e.g. "cards.0.trace.children.1.inputs.0.findings") under `v` that is an object or array but not frozen. */
function unfrozen(v: unknown, at: string, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (v === null || typeof v !== 'object' || seen.has(v)) return out;
  seen.add(v);
  if (!Object.isFrozen(v)) out.push(at);
  // Maps, sets and typed arrays cannot be frozen in place: none should be returned.
  if (v instanceof Map || v instanceof Set || ArrayBuffer.isView(v)) out.push(`${at} (a ${v.constructor.name})`);
  // Getters too (a card's trace is built when first read): what they return is part of the result.
  for (const k of Reflect.ownKeys(v)) unfrozen(Reflect.get(v, k), `${at}.${String(k)}`, out, seen);
  return out;
}

/** Counts the objects and arrays reached, so that a walk that reached nothing does not pass. */
function reached(v: unknown, seen = new Set<unknown>()): number {
  if (v === null || typeof v !== 'object' || seen.has(v)) return 0;
  seen.add(v);
  let n = 1;
  for (const k of Reflect.ownKeys(v)) n += reached(Reflect.get(v, k), seen);
  return n;
}

async function results(): Promise<Record<string, unknown>> {
  const cards = evaluate(set, evidence, { trace: true });
  const ranking = rank(cards, set.ranking);
  const decision = await readPublishedDecision(join(fx, 'published/cong-bo-chi-so-cchc-2021-co-loi.csv'), { fields: decisionFields(set) });
  const report = verifyDecision(decision, { set, evidence });
  const q = readQuestionnaire(join(root, 'questionnaires/van-lam-commune-2021.yaml'));
  const text = readFileSync(join(fx, 'survey/responses-2021.csv'), 'utf8').split('\n');
  // Two rows broken, so that the import report lists rejected rows.
  text[3] = text[3]!.replace(/,chi-dao,\d/, ',chi-dao,9');
  text[4] = text[4]!.replace(/,chi-dao,\d/, ',chi-dao,x');
  const imported = importResponses(q, parseCsv(text.join('\n')), { unitColumn: 'xa' });
  return {
    set,
    evidence,
    cards,
    ranking,
    scored: score(set, evidence, { trace: true }),
    officeTables: officeTables(ranking, 'vi'),
    unitRows: unitRows(ranking),
    fieldRows: fieldRows(ranking),
    traceRows: traceRows(cardsOf(ranking)),
    warningRows: warningRows(cardsOf(ranking)),
    decision,
    report,
    verifyTables: verifyTables(report, 'vi'),
    imported,
    indices: computeIndices(q, imported.tally),
    dossiers: await summariseDescriptor(join(fx, 'ho-so-mot-cua-2021.source.yaml')),
    comparison: compareYears(ranking, ranking),
    uncertainty: rankUncertainty(set, evidence, undefined, { draws: 20, seed: 1, cards }),
  };
}

describe('every public result is frozen all the way down', () => {
  it('the walk reaches every result and finds nothing unfrozen', { timeout: 120_000 }, async () => {
    const all = await results();
    expect((all['imported'] as { report: { rejectedRows: readonly number[] } }).report.rejectedRows.length).toBeGreaterThan(0);
    expect(Object.keys(all).length).toBe(CORPUS_CASES['public results walked for frozenness (tests/hostile/deep-frozen.test.ts)']);
    const found: string[] = [];
    for (const [name, v] of Object.entries(all)) {
      expect(reached(v), name).toBeGreaterThan(1);
      found.push(...unfrozen(v, name).slice(0, 5));
    }
    expect(found).toEqual([]);
  });

  it('the places the issue names: trace findings, office-table headers, verifyTables, rejectedRows', async () => {
    const all = await results();
    const cards = all['cards'] as ReturnType<typeof evaluate>;
    const tables = all['officeTables'] as ReturnType<typeof officeTables>;
    expect(tables.every((t) => Object.isFrozen(t.header) && Object.isFrozen(t.rows) && t.rows.every((r) => Object.isFrozen(r)))).toBe(true);
    const vt = all['verifyTables'] as ReturnType<typeof verifyTables>;
    expect(Object.isFrozen(vt)).toBe(true);
    expect(vt.every((t) => Object.isFrozen(t) && Object.isFrozen(t.header))).toBe(true);
    const imported = all['imported'] as ReturnType<typeof importResponses>;
    expect(Object.isFrozen(imported.report.rejectedRows)).toBe(true);
    const inputs = cards.flatMap((c) => {
      const walk = (n: { inputs?: readonly { findings?: unknown }[]; children?: readonly unknown[] } | undefined): unknown[] =>
        n ? [...(n.inputs ?? []).filter((i) => i.findings !== undefined), ...(n.children ?? []).flatMap((x) => walk(x as typeof n))] : [];
      return ((c.trace ?? []) as never[]).flatMap((n) => walk(n));
    });
    expect(inputs.length).toBeGreaterThan(0);
    for (const i of inputs) expect(Object.isFrozen((i as { findings: unknown }).findings)).toBe(true);
  });
});
