/**
 * Descriptors are confined to their own folder tree (issue 21, item 5): a dossier-source or survey-source
 * descriptor names its data tables relative to itself, inside its folder or below; `../`, an absolute path or a
 * link out of the folder is refused (`io.outside-folder`) unless `allowOutside` (`--allow-outside`) says so.
 * Settings files (a column mapping, a calendar, a questionnaire) may be shared and are not confined. And the
 * error for a wrong file names columns, never the file's first line.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SOURCE_READERS } from '../../src/cli/readers.js';
import { ISSUE_CODES, ParIndexError, type Issue } from '../../src/core/errors.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { EXAMPLE_UNIT_FILES, root } from '../support/paths.js';
import { CORPUS_CASES } from '../support/hostile-support.js';

const fx = join(root, 'fixtures/van-lam-2021');
const SECRET = 'root:x:0:0:SECRET-FIRST-LINE:/root:/bin/bash';

/** A folder outside the evidence folder, with a "secret" table, and an evidence folder beside it. */
function setup(): { base: string; ev: string; secret: string } {
  const base = mkdtempSync(join(tmpdir(), 'par-index-confine-'));
  const ev = join(base, 'evidence');
  mkdirSync(join(ev, 'data'), { recursive: true });
  const secret = join(base, 'secret.csv');
  writeFileSync(secret, `${SECRET}\nline 2 of the secret\n`);
  return { base, ev, secret };
}

function dossierDescriptor(records: string): string {
  return readFileSync(join(fx, 'ho-so-mot-cua-2021.source.yaml'), 'utf8').replace(
    'records: ho-so-mot-cua-2021.csv',
    `records: ${JSON.stringify(records)}`,
  );
}

function surveyDescriptor(questionnaire: string, responses: string): string {
  return readFileSync(join(fx, 'sipas-2021.source.yaml'), 'utf8')
    .replace('questionnaire: ../../questionnaires/van-lam-commune-2021.yaml', `questionnaire: ${JSON.stringify(questionnaire)}`)
    .replace('responses: [survey/responses-2021.csv]', `responses: [${JSON.stringify(responses)}]`);
}

async function issuesOf(p: Promise<unknown>): Promise<readonly Issue[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ParIndexError) return e.issues;
    throw e;
  }
  throw new Error('expected a ParIndexError');
}

const OUT_OF_FOLDER = [
  ['../', '../secret.csv'],
  ['an absolute path', 'ABS'],
  ['a folder that climbs back in and out', 'data/../../secret.csv'],
] as const;

describe('a descriptor names files inside its own folder tree', () => {
  it('io.outside-folder is a stable issue code', () => {
    expect(ISSUE_CODES).toContain('io.outside-folder');
  });

  it('the corpus has the size README counts: these paths, a link out, a survey table outside', () => {
    expect(OUT_OF_FOLDER.length + 2).toBe(
      CORPUS_CASES['descriptor paths out of their folder (tests/hostile/descriptor-confinement.test.ts)'],
    );
  });

  for (const [what, name] of OUT_OF_FOLDER) {
    it(`refuses records named by ${what}, naming the field, never reading the file`, async () => {
      const { ev, secret } = setup();
      writeFileSync(join(ev, 'ho-so.source.yaml'), dossierDescriptor(name === 'ABS' ? secret : name));
      const issues = await issuesOf(readEvidenceSources([ev], { readers: SOURCE_READERS }));
      const out = issues.filter((i) => i.code === 'io.outside-folder');
      expect(out).toHaveLength(1);
      expect(out[0]!.path).toEqual(['records', 0]);
      expect(out[0]!.file).toMatch(/ho-so\.source\.yaml$/);
      expect(out[0]!.message).toMatch(/outside the descriptor's folder/);
      expect(out[0]!.messageVi).toMatch(/ngoài thư mục/);
      expect(JSON.stringify(issues)).not.toContain('SECRET-FIRST-LINE');
    });
  }

  it('refuses a link inside the folder that points out of it', async () => {
    const { ev, secret } = setup();
    symlinkSync(secret, join(ev, 'data/link.csv'));
    writeFileSync(join(ev, 'ho-so.source.yaml'), dossierDescriptor('data/link.csv'));
    const issues = await issuesOf(readEvidenceSources([ev], { readers: SOURCE_READERS }));
    expect(issues.map((i) => i.code)).toContain('io.outside-folder');
    expect(JSON.stringify(issues)).not.toContain('SECRET-FIRST-LINE');
  });

  it('refuses a survey descriptor whose responses or questionnaire lie outside, and not the bundled questionnaire', async () => {
    const { ev } = setup();
    writeFileSync(join(ev, 'sipas.source.yaml'), surveyDescriptor(join(root, 'questionnaires/van-lam-commune-2021.yaml'), '../secret.csv'));
    const issues = await issuesOf(readEvidenceSources([ev], { readers: SOURCE_READERS }));
    // The questionnaire is a setting (not confined); the responses table is data.
    expect(issues.filter((i) => i.code === 'io.outside-folder').map((i) => i.path)).toEqual([['responses', 0]]);
    expect(JSON.stringify(issues)).not.toContain('SECRET-FIRST-LINE');
  });

  it('the example folder still reads (its questionnaire, a setting, is named by ../../)', async () => {
    const ev = await readEvidenceSources([fx], { readers: SOURCE_READERS });
    expect(ev.units).toHaveLength(11);
  });

  it('allowOutside reads the file, and the error for a wrong file names columns, not its first line', async () => {
    const { ev } = setup();
    writeFileSync(join(ev, 'ho-so.source.yaml'), dossierDescriptor('../secret.csv'));
    const issues = await issuesOf(readEvidenceSources([ev], { readers: SOURCE_READERS, allowOutside: true }));
    expect(issues.map((i) => i.code)).not.toContain('io.outside-folder');
    expect(issues.map((i) => i.code)).toContain('dossier.bad-header');
    const text = JSON.stringify(issues);
    expect(text).toContain('Mã hồ sơ'); // the column it looked for
    expect(text).not.toContain('SECRET-FIRST-LINE');
    expect(text).not.toContain('root:x');
  });

  it('a survey table that is the wrong file: missing columns named, its first line not echoed', async () => {
    const { ev } = setup();
    writeFileSync(join(ev, 'data/r.csv'), `${SECRET.replace(/:/g, ',')}\nline 2\n`);
    writeFileSync(join(ev, 'sipas.source.yaml'), surveyDescriptor(join(root, 'questionnaires/van-lam-commune-2021.yaml'), 'data/r.csv'));
    const issues = await issuesOf(readEvidenceSources([ev], { readers: SOURCE_READERS }));
    expect(issues.map((i) => i.code)).toContain('sipas.missing-column');
    const text = JSON.stringify(issues);
    expect(text).not.toContain('SECRET-FIRST-LINE');
    expect(text).not.toContain('/bin/bash');
  });

  it('par-index score --allow-outside: refused without it (exit 2), read with it', async () => {
    const { base, ev } = setup();
    writeFileSync(join(base, 'outside.csv'), readFileSync(join(fx, 'ho-so-mot-cua-2021.csv')));
    for (const f of EXAMPLE_UNIT_FILES) writeFileSync(join(ev, `${f}.yaml`), readFileSync(join(fx, `${f}.yaml`)));
    writeFileSync(join(ev, 'kiem-tra.source.yaml'), readFileSync(join(fx, 'kiem-tra-cchc-2021.source.yaml')));
    writeFileSync(join(ev, 'sipas.source.yaml'), surveyDescriptor(join(root, 'questionnaires/van-lam-commune-2021.yaml'), 'data/r.csv'));
    writeFileSync(join(ev, 'data/r.csv'), readFileSync(join(fx, 'survey/responses-2021.csv')));
    writeFileSync(join(ev, 'ho-so.source.yaml'), dossierDescriptor('../outside.csv'));
    const criteria = join(root, 'criteria/examples/van-lam-commune-2021.yaml');
    const err: string[] = [];
    const io = { out: () => {}, err: (s: string) => err.push(s) };
    expect(await main(['score', criteria, ev, '--lang', 'en'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/io\.outside-folder.*--allow-outside/s);
    expect(await main(['score', criteria, ev, '--allow-outside', '--lang', 'en'], io)).toBe(0);
    expect(await main(['report', criteria, ev, '--format', 'csv', '--allow-outside', '--lang', 'en'], io)).toBe(0);
  });

  it('par-index dossiers and sipas take --allow-outside too: refused without it, read with it', async () => {
    const { base, ev } = setup();
    writeFileSync(join(base, 'outside.csv'), readFileSync(join(fx, 'ho-so-mot-cua-2021.csv')));
    writeFileSync(join(base, 'r.csv'), readFileSync(join(fx, 'survey/responses-2021.csv')));
    writeFileSync(join(ev, 'ho-so.source.yaml'), dossierDescriptor('../outside.csv'));
    writeFileSync(join(ev, 'sipas.source.yaml'), surveyDescriptor(join(root, 'questionnaires/van-lam-commune-2021.yaml'), '../r.csv'));
    const err: string[] = [];
    const io = { out: () => {}, err: (s: string) => err.push(s) };
    const run = async (argv: string[]) => {
      err.length = 0;
      return main(argv, io);
    };
    const dossiers = join(ev, 'ho-so.source.yaml');
    expect(await run(['dossiers', dossiers, '--lang', 'en', '--quiet'])).toBe(2);
    expect(err.join('\n')).toMatch(/io\.outside-folder/);
    expect(await run(['dossiers', dossiers, '--allow-outside', '--lang', 'en', '--quiet'])).toBe(0);
    const q = join(root, 'questionnaires/van-lam-commune-2021.yaml');
    const sipas = join(ev, 'sipas.source.yaml');
    expect(await run(['sipas', q, sipas, '--lang', 'en', '--quiet'])).toBe(2);
    expect(err.join('\n')).toMatch(/io\.outside-folder/);
    expect(await run(['sipas', q, sipas, '--allow-outside', '--lang', 'en', '--quiet'])).toBe(0);
  });
});
