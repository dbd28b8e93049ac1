/**
 * No silent wrong score (issue 20), the reader's half: the same responses file or tally listed twice would double
 * n, so it is refused — the same path after resolution, or the same content under another name — by the
 * `sipas` command and by a survey-source descriptor; a respondent id seen in an earlier file of the same read is
 * rejected like one seen earlier in the same file.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/sipas.js';
import { ParIndexError } from '../../src/core/errors.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { readSurveyInput, surveySource } from '../../src/io/survey-source.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { generate } from '../../scripts/generate-van-lam-survey.mjs';
import { root } from '../support/paths.js';

const Q = `${root}questionnaires/van-lam-commune-2021.yaml`;

async function run(args: string[], opts: Record<string, unknown> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await commands['sipas']!.run(
    args,
    { format: 'table', 'unit-column': 'xa', lang: 'en', ...opts },
    {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function refusal(p: Promise<unknown>): Promise<ParIndexError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ParIndexError);
  return e as ParIndexError;
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-inputs-'));
  writeFileSync(join(dir, 'r.csv'), generate());
  return dir;
}

describe('the same input listed twice is refused', () => {
  it('the same path, written two ways', async () => {
    const dir = folder();
    const e = await refusal(run([Q, join(dir, 'r.csv'), join(dir, '.', 'sub', '..', 'r.csv')]));
    expect(e.issues[0]).toMatchObject({ code: 'sipas.duplicate-input' });
    expect(e.issues[0]!.message).toMatch(/r\.csv is listed twice.*would count its respondents twice/);
    expect(e.issues[0]!.messageVi).toMatch(/r\.csv được liệt kê hai lần/);
  });

  it('the same content under another name (a copy)', async () => {
    const dir = folder();
    copyFileSync(join(dir, 'r.csv'), join(dir, 'copy.csv'));
    const e = await refusal(run([Q, join(dir, 'r.csv'), join(dir, 'copy.csv')]));
    expect(e.issues[0]).toMatchObject({ code: 'sipas.duplicate-input' });
    expect(e.issues[0]!.message).toMatch(/copy\.csv has the same content as .*r\.csv \(sha256:[0-9a-f]{12}/);
  });

  it('a tally and its copy', async () => {
    const dir = folder();
    expect((await run([Q, join(dir, 'r.csv')], { 'tally-out': join(dir, 't.json') })).code).toBe(0);
    copyFileSync(join(dir, 't.json'), join(dir, 't2.json'));
    const e = await refusal(run([Q, join(dir, 't.json'), join(dir, 't2.json')]));
    expect(e.issues[0]).toMatchObject({ code: 'sipas.duplicate-input' });
  });

  it('in a survey-source descriptor', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'q.yaml'), readFileSync(Q, 'utf8'));
    writeFileSync(
      join(dir, 's.source.yaml'),
      'format: par-index/survey-source@1\nquestionnaire: q.yaml\nyear: 2021\nsource: Thử\nresponses: [r.csv, ./r.csv]\ncolumns: { unit: xa }\nunits: [{ id: chi-dao, name: Chỉ Đạo }]\nindices: { sipas: overall }\nrejectedRows: report\n',
    );
    const e = await refusal(readEvidenceSources([join(dir, 's.source.yaml')], { readers: [surveySource] }));
    expect(e.issues[0]).toMatchObject({ code: 'sipas.duplicate-input' });
  });

  it('two different parts of a survey are read and merged', async () => {
    const dir = folder();
    const lines = readFileSync(join(dir, 'r.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'a.csv'), `${lines.slice(0, 1001).join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${[lines[0], ...lines.slice(1001)].join('\n')}\n`);
    const r = await run([Q, join(dir, 'a.csv'), join(dir, 'b.csv')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2400 respondents/);
  });
});

describe('a respondent id already read from another file of the same command is rejected', () => {
  it('names the row and the file where it was first read', async () => {
    const dir = folder();
    const lines = readFileSync(join(dir, 'r.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'a.csv'), `${lines.slice(0, 1001).join('\n')}\n`);
    // b.csv repeats the last respondent of a.csv (row 1001 there) as its first data row.
    writeFileSync(join(dir, 'b.csv'), `${[lines[0], lines[1000], ...lines.slice(1001)].join('\n')}\n`);
    const r = await run([Q, join(dir, 'a.csv'), join(dir, 'b.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/b\.csv: 1401 rows = 1400 used \+ 1 rejected/);
    expect(r.err).toMatch(
      /\[sipas\.duplicate-respondent\] .*b\.csv: row\[2\]\.phieu: row 2: respondent "VL21-1000" of unit "[a-z-]+" is already at row 1001 of .*a\.csv/,
    );
    expect(r.out).toMatch(/2400 respondents/);
  });
});

describe('a survey-source descriptor declares how its tables write numbers', () => {
  it('a weight "1.250" is refused as ambiguous without numbers:, and read as 1250 with numbers: vi', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipas-numbers-'));
    const text = readFileSync(Q, 'utf8').replace('  weights:\n    use: false\n', '  weights:\n    use: true\n    decimals: 3\n');
    writeFileSync(join(dir, 'q.yaml'), text);
    const q = loadQuestionnaire(text, { file: 'q.yaml' });
    const [header, row] = readFileSync(`${root}fixtures/van-lam-2021/survey/responses-2021.csv`, 'utf8').split('\n');
    writeFileSync(join(dir, 'r.csv'), `${header},trong so\n${row},1.250\n`);
    const descriptor = (numbers: string) =>
      `format: par-index/survey-source@1\nquestionnaire: q.yaml\nyear: 2021\nsource: Thử\nresponses: [r.csv]\ncolumns: { unit: xa }\nunits: [{ id: chi-dao, name: Chỉ Đạo }]\nindices: { sipas: overall }\nrejectedRows: report\n${numbers}`;
    writeFileSync(join(dir, 'plain.source.yaml'), descriptor(''));
    writeFileSync(join(dir, 'vi.source.yaml'), descriptor('numbers: vi\n'));
    const plain = await readSurveyInput(join(dir, 'plain.source.yaml'), q);
    expect(plain.reports[0]!.issues.map((i) => [i.code, i.path])).toEqual([['number.ambiguous', ['row', 2, 'trong so']]]);
    const vi = await readSurveyInput(join(dir, 'vi.source.yaml'), q);
    expect(vi.reports[0]!.rowsRejected).toBe(0);
    expect(vi.tally.units['chi-dao']!.weight).toBe('1250000');
  });
});
