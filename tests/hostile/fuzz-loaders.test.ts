/**
 * Fuzzing every YAML/JSON loader (issue 9): random text, random JSON, and mutations of the bundled examples. The
 * only error allowed out is ParIndexError, naming the file, with a path and messages in both languages; nothing
 * hangs (each property has a fixed run count and the file a time limit); Object.prototype is untouched after.
 * Each text is also written to a file and read through the `par-index/io` reader of the same kind.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { parseText } from '../../src/core/document.js';
import { checkCriteriaSet, loadCriteriaSet, type CriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank } from '../../src/ranking/rank.js';
import { loadQuestionnaire, type Questionnaire } from '../../src/sipas/questionnaire.js';
import { tallyRows } from '../../src/sipas/tallier.js';
import { loadTally } from '../../src/sipas/tally-file.js';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { loadInspectionPlan } from '../../src/inspection/plan.js';
import { inspectionEvidence } from '../../src/inspection/plan-evidence.js';
import { inspectionCoverage } from '../../src/inspection/coverage.js';
import { loadCases } from '../../src/cases/load.js';
import { amend } from '../../src/criteria/amend.js';
import { loadChanges } from '../../src/criteria/changes.js';
import { loadPublishedDecision } from '../../src/verify/decision.js';
import { parsePublished } from '../../src/verify/published.js';
import { verifyDecision } from '../../src/verify/verify.js';
import { ColumnMappingSchema } from '../../src/measures/columns.js';
import { displayPath } from '../../src/io/files.js';
import { readCriteriaSet, readEvidence } from '../../src/io/index.js';
import { readCalendar, readColumnMapping } from '../../src/io/dossier-source.js';
import { readInspectionPlan } from '../../src/io/inspection-source.js';
import { readQuestionnaire } from '../../src/io/survey-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { readPublishedDecision } from '../../src/io/index.js';
import { SOURCE_READERS } from '../../src/cli/readers.js';
import {
  expectOnlyParIndexError,
  expectOnlyParIndexErrorAsync,
  fuzz,
  fuzzAsync,
  hostileText,
  jsonText,
  mutations,
  hostileFile,
} from '../support/hostile-support.js';

const CRITERIA = 'criteria/examples/van-lam-commune-2021.yaml';
const criteriaText = readFileSync(CRITERIA, 'utf8');
// The guide's complete small set: spliced text of the 60 kB example would spend the time budget on parsing.
const smallCriteriaText = /```yaml\n(format: par-index\/criteria@1[\s\S]*?)```/.exec(readFileSync('docs/criteria-format.md', 'utf8'))![1]!;
const criteriaDoc = parseText(criteriaText) as Record<string, unknown>;
const evidenceText = readFileSync('fixtures/van-lam-2021/nhu-quynh.yaml', 'utf8');
const evidenceDoc = parseText(evidenceText) as Record<string, unknown>;
const inspectionText = readFileSync('fixtures/van-lam-2021/kiem-tra-cchc-2021.source.yaml', 'utf8');
const calendarText = readFileSync('data/calendars/vn.yaml', 'utf8');
const questionnaireText = readFileSync('questionnaires/van-lam-commune-2021.yaml', 'utf8');
const casesText = readFileSync('criteria/examples/van-lam-commune-2021.cases.yaml', 'utf8');
const changesText = readFileSync('criteria/examples/van-lam-commune-2022.changes.yaml', 'utf8');
const publishedText = readFileSync('fixtures/van-lam-2021/published/cong-bo-chi-so-cchc-2021.yaml', 'utf8');

let set: CriteriaSet;
let q: Questionnaire;
const tmp = hostileFile('par-fuzz-');

beforeAll(() => {
  set = loadCriteriaSet(criteriaText, { file: CRITERIA });
  q = loadQuestionnaire(questionnaireText, { file: 'q.yaml' });
});

/** Random text, random JSON, and the example's text with a random slice replaced. */
function textAround(example: string): fc.Arbitrary<string> {
  const spliced = fc
    .tuple(fc.nat(example.length), fc.nat(200), hostileText)
    .map(([at, len, ins]) => example.slice(0, at) + ins + example.slice(at + len));
  return fc.oneof(hostileText, jsonText, spliced);
}

/** Writes the text to a file named like the kind it is fuzzing, so file readers see it too. */
function toFile(name: string, text: string): string {
  const p = join(tmp.dir, name);
  writeFileSync(p, text);
  return p;
}

const T = 60_000;

describe('fuzz: criteria sets', () => {
  it(
    'random and spliced text: loads or refuses with ParIndexError (text and file)',
    () => {
      fuzz('criteria set (text)', textAround(smallCriteriaText), (text) => {
        const r = checkCriteriaSet(text, { file: 'c.yaml' });
        if (!r.ok && !r.issues.some((i) => i.severity === 'error')) throw new Error('refused without an error');
        const p = toFile('c.yaml', text);
        expectOnlyParIndexError(() => readCriteriaSet(p), displayPath(p));
      });
    },
    T,
  );

  it(
    'mutated example (keys deleted, types swapped, hostile numbers and dates): loads or refuses; a loaded set scores',
    () => {
      const ev = loadEvidence([{ data: evidenceText, file: 'nhu-quynh.yaml' }]);
      fuzz('criteria set (mutated example)', mutations(criteriaDoc), (doc) => {
        const s = expectOnlyParIndexError(() => loadCriteriaSet(doc, { file: 'c.yaml' }), 'c.yaml');
        // A set that loads must score without any other error escaping, and give finite points.
        if (s) {
          const ranking = expectOnlyParIndexError(() => rank(evaluate(s, ev), s.ranking), undefined);
          for (const { card: c } of ranking?.rows ?? [])
            for (const n of c.nodes) if (!Number.isFinite(n.points)) throw new Error(`node ${n.id}: ${n.points}`);
        }
      });
    },
    T,
  );
});

describe('fuzz: evidence', () => {
  it(
    'random and spliced text: loads or refuses with ParIndexError (text and file); loaded evidence scores',
    () => {
      fuzz('evidence (text)', textAround(evidenceText), (text) => {
        const ev = expectOnlyParIndexError(() => loadEvidence([{ data: text, file: 'e.yaml' }]), 'e.yaml');
        if (ev) expectOnlyParIndexError(() => evaluate(set, ev), undefined);
        const p = toFile('e.yaml', text);
        expectOnlyParIndexError(() => readEvidence(p), displayPath(p));
      });
    },
    T,
  );

  it(
    'mutated example: loads or refuses; loaded evidence scores with finite points',
    () => {
      fuzz('evidence (mutated example)', mutations(evidenceDoc), (doc) => {
        const ev = expectOnlyParIndexError(() => loadEvidence([{ data: doc, file: 'e.yaml' }]), 'e.yaml');
        if (!ev) return;
        const cards = expectOnlyParIndexError(() => evaluate(set, ev), undefined);
        for (const c of cards ?? []) for (const n of c.nodes) if (!Number.isFinite(n.points)) throw new Error(`node ${n.id}: ${n.points}`);
      });
    },
    T,
  );
});

describe('fuzz: SIPAS questionnaires and tallies', () => {
  it(
    'questionnaires: random, spliced and mutated text (text and file)',
    () => {
      const qDoc = parseText(questionnaireText);
      const arb = fc.oneof(textAround(questionnaireText), mutations(qDoc));
      fuzz('questionnaire (text)', arb, (input) => {
        expectOnlyParIndexError(() => loadQuestionnaire(input, { file: 'q.yaml' }), 'q.yaml');
        if (typeof input === 'string')
          expectOnlyParIndexError(() => readQuestionnaire(toFile('q.yaml', input)), displayPath(join(tmp.dir, 'q.yaml')));
      });
    },
    T,
  );

  it(
    'tallies: random text and mutations of a real tally',
    () => {
      const tally = tallyRows(q, [{ unit: 'a', answers: Object.fromEntries(q.items.map((it) => [it.id, 1])) }]);
      const tallyDoc = JSON.parse(JSON.stringify(tally)) as unknown;
      fuzz('survey tally (text)', fc.oneof(textAround(JSON.stringify(tallyDoc, null, 1)), mutations(tallyDoc)), (input) => {
        expectOnlyParIndexError(() => loadTally(input, q, { file: 't.json' }), 't.json');
      });
    },
    T,
  );
});

describe('fuzz: calendars, inspection plans, cases, changes, published decisions, column mappings', () => {
  it(
    'calendars: random and spliced text (text and file)',
    () => {
      fuzz('calendar (text)', textAround(calendarText), (text) => {
        expectOnlyParIndexError(() => loadCalendar(text, { file: 'cal.yaml' }), 'cal.yaml');
        expectOnlyParIndexError(() => readCalendar(toFile('cal.yaml', text)), displayPath(join(tmp.dir, 'cal.yaml')));
      });
    },
    T,
  );

  it(
    'calendars: the bundled calendar mutated',
    () => {
      fuzz('calendar (mutated bundled)', mutations(parseText(calendarText)), (doc) => {
        const cal = expectOnlyParIndexError(() => loadCalendar(doc, { file: 'cal.yaml' }), 'cal.yaml');
        if (cal) expectOnlyParIndexError(() => cal.isWorkingDay('2021-05-03'), undefined);
      });
    },
    T,
  );

  it(
    'inspection plans: random and spliced text (text and file)',
    () => {
      fuzz('inspection plan (text)', textAround(inspectionText), (text) => {
        expectOnlyParIndexError(() => loadInspectionPlan(text, { file: 'i.yaml' }), 'i.yaml');
        expectOnlyParIndexError(() => readInspectionPlan(toFile('i.yaml', text)), displayPath(join(tmp.dir, 'i.yaml')));
      });
    },
    T,
  );

  it(
    'inspection plans: the example mutated; a loaded plan gives evidence that loads',
    () => {
      fuzz('inspection plan (mutated example)', mutations(parseText(inspectionText)), (doc) => {
        const plan = expectOnlyParIndexError(() => loadInspectionPlan(doc, { file: 'i.yaml' }), 'i.yaml');
        if (!plan) return;
        expectOnlyParIndexError(() => inspectionCoverage(plan), undefined);
        expectOnlyParIndexError(() => loadEvidence([{ data: inspectionEvidence(plan), file: 'i.yaml' }]), 'i.yaml');
      });
    },
    T,
  );

  it(
    'cases files: random, spliced and mutated text',
    () => {
      fuzz('cases file (text)', fc.oneof(textAround(casesText), mutations(parseText(casesText))), (input) => {
        expectOnlyParIndexError(() => loadCases(input, { file: 'x.cases.yaml' }), 'x.cases.yaml');
      });
    },
    T,
  );

  it(
    'criteria changes: random, spliced and mutated text; amend applies or refuses',
    () => {
      fuzz('criteria changes (text)', fc.oneof(textAround(changesText), mutations(parseText(changesText))), (input) => {
        expectOnlyParIndexError(() => loadChanges(input, { file: 'ch.yaml' }), 'ch.yaml');
        expectOnlyParIndexError(() => amend(set, input, { file: 'ch.yaml' }), undefined);
      });
    },
    T,
  );

  it(
    'published decisions: random, spliced and mutated text; verify runs or refuses',
    () => {
      const ranking = rank(evaluate(set, loadEvidence([{ data: evidenceText, file: 'nhu-quynh.yaml' }])), set.ranking);
      fuzz('published decision (text + CSV)', fc.oneof(textAround(publishedText), mutations(parseText(publishedText))), (input) => {
        const doc = expectOnlyParIndexError(() => (typeof input === 'string' ? parseText(input, { file: 'p.yaml' }) : input), 'p.yaml');
        if (doc === undefined) return;
        expectOnlyParIndexError(() => parsePublished(doc, { file: 'p.yaml' }), 'p.yaml');
        const d = expectOnlyParIndexError(() => loadPublishedDecision(doc, { file: 'p.yaml' }), 'p.yaml');
        if (d) expectOnlyParIndexError(() => verifyDecision(d, { set, ranking }), undefined);
      });
    },
    T,
  );

  it(
    'column mappings: random and mutated text through the schema and the file reader',
    () => {
      const mapping = {
        format: 'par-index/dossier-columns@1',
        columns: { id: 'Số biên nhận', received: ['Ngày nộp', 'Ngày tiếp nhận'] },
        values: { status: { Xong: 'resolved' }, yes: ['Có'] },
        dateFormat: 'dmy',
      };
      fuzz(
        'column mapping (text)',
        fc.oneof(
          textAround(JSON.stringify(mapping)),
          mutations(mapping).map((m) => JSON.stringify(m)),
        ),
        (text) => {
          expectOnlyParIndexError(() => readColumnMapping(toFile('m.json', text)), displayPath(join(tmp.dir, 'm.json')));
          const doc = expectOnlyParIndexError(() => parseText(text, { file: 'm.json' }), 'm.json');
          if (doc !== undefined) ColumnMappingSchema.safeParse(doc);
        },
      );
    },
    T,
  );
});

describe('fuzz: evidence source descriptors and published decision tables read from files', () => {
  it('mutated dossier, inspection and survey descriptors: read, or refused with ParIndexError', async () => {
    const fx = resolve('fixtures/van-lam-2021');
    const load = (f: string) => parseText(readFileSync(join(fx, f), 'utf8')) as Record<string, unknown>;
    // The descriptors name their data files relative to themselves: point them at the fixture's files, so the
    // mutated descriptor (written to a temporary folder) still reaches real records, findings and responses.
    const docs = [
      { name: 'ho-so.source.yaml', doc: { ...load('ho-so-mot-cua-2021.source.yaml'), records: join(fx, 'ho-so-mot-cua-2021.csv') } },
      { name: 'kiem-tra.source.yaml', doc: load('kiem-tra-cchc-2021.source.yaml') },
      {
        name: 'sipas.source.yaml',
        doc: {
          ...load('sipas-2021.source.yaml'),
          questionnaire: resolve('questionnaires/van-lam-commune-2021.yaml'),
          responses: [join(fx, 'survey/responses-2021.csv')],
        },
      },
    ];
    const arb = fc.constantFrom(...docs).chain((d) => mutations(d.doc).map((m) => ({ name: d.name, m })));
    await fuzzAsync('evidence source descriptors (mutated)', arb, async ({ name, m }) => {
      const p = toFile(name, JSON.stringify(m));
      // allowOutside: the mutated descriptors name the fixture's files by absolute path (issue 21 confines them).
      await expectOnlyParIndexErrorAsync(() => readEvidenceSources([p], { readers: SOURCE_READERS, allowOutside: true }), undefined);
    });
  }, 120_000);

  it(
    'published decision tables as CSV files: read, or refused with ParIndexError naming the file',
    async () => {
      const csv = 'Đơn vị;Tổng điểm;Xếp hạng\nXã Chỉ Đạo;90,5;1\nXã Lạc Đạo;80;2\n';
      const cells = fc.oneof(hostileText, fc.constantFrom('', '1e9999999999', 'NaN', '-1', '90,5', '"', '\r\n', '__proto__'));
      const arb = fc.oneof(
        textAround(csv),
        fc
          .array(fc.array(cells, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 })
          .map((rows) => rows.map((r) => r.join(';')).join('\n')),
      );
      await fuzzAsync('published decision table (CSV file)', arb, async (text) => {
        const p = toFile('qd.csv', text);
        await expectOnlyParIndexErrorAsync(() => readPublishedDecision(p), displayPath(p));
      });
    },
    T,
  );
});
