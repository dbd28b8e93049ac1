/**
 * Hashes and outputs do not depend on the working directory (issue 21, item 9): the same evidence folder scored
 * from three working directories gives the same evidence hash and byte-identical output. Files are named in the
 * evidence relative to the descriptor that reads them, never relative to where the command was started.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SOURCE_READERS } from '../../src/cli/readers.js';
import { readCriteriaSet } from '../../src/io/criteria-files.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { EXAMPLE_UNIT_FILES, root } from '../support/paths.js';
import { CORPUS_CASES } from '../support/hostile-support.js';

const run = promisify(execFile);
const cli = join(root, 'dist/cli.js');
const criteria = join(root, 'criteria/examples/van-lam-commune-2021.yaml');

/** `score --format json --trace` of the folder, run from `cwd`. */
async function scoreFrom(cwd: string, folder: string): Promise<string> {
  const r = await run(process.execPath, [cli, 'score', criteria, folder, '--format', 'json', '--trace'], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return r.stdout;
}

const hashesOf = (json: string) => [...new Set([...json.matchAll(/"hash":\s*"(sha256:[0-9a-f]+)"/g)].map((m) => m[1]))];

/** A folder like the example's, with rejected dossier rows (named in the evidence) and its own questionnaire. */
function folderWithRejectedRows(): string {
  const dir = mkdtempSync(join(tmpdir(), 'par-index-cwd-'));
  const fx = join(root, 'fixtures/van-lam-2021');
  for (const f of EXAMPLE_UNIT_FILES) writeFileSync(join(dir, `${f}.yaml`), readFileSync(join(fx, `${f}.yaml`)));
  writeFileSync(join(dir, 'kiem-tra.source.yaml'), readFileSync(join(fx, 'kiem-tra-cchc-2021.source.yaml')));
  mkdirSync(join(dir, 'data'));
  const csv = readFileSync(join(fx, 'ho-so-mot-cua-2021.csv'), 'utf8').split('\n');
  // Two rows that cannot be read: they are listed, with their file, in the evidence.
  csv[5] = csv[5]!.replace(/,\d\d\/\d\d\/\d{4} \d\d:\d\d,/, ',99/99/2021 10:00,');
  csv[9] = csv[9]!.replace(/,\d\d\/\d\d\/\d{4} \d\d:\d\d,/, ',31/02/2021 10:00,');
  writeFileSync(join(dir, 'data/ho-so.csv'), csv.join('\n'));
  writeFileSync(
    join(dir, 'ho-so.source.yaml'),
    readFileSync(join(fx, 'ho-so-mot-cua-2021.source.yaml'), 'utf8')
      .replace('records: ho-so-mot-cua-2021.csv', 'records: data/ho-so.csv')
      .replace('allowRejected: 0', 'allowRejected: 5'),
  );
  mkdirSync(join(dir, 'survey'));
  writeFileSync(join(dir, 'survey/questionnaire.yaml'), readFileSync(join(root, 'questionnaires/van-lam-commune-2021.yaml')));
  writeFileSync(join(dir, 'survey/responses.csv'), readFileSync(join(fx, 'survey/responses-2021.csv')));
  writeFileSync(
    join(dir, 'sipas.source.yaml'),
    readFileSync(join(fx, 'sipas-2021.source.yaml'), 'utf8')
      .replace('questionnaire: ../../questionnaires/van-lam-commune-2021.yaml', 'questionnaire: survey/questionnaire.yaml')
      .replace('responses: [survey/responses-2021.csv]', 'responses: [survey/responses.csv]'),
  );
  return dir;
}

describe('the same evidence scored from three working directories', () => {
  it('counts 3 working directories for each of the 2 folders', () => {
    expect(3 * 2).toBe(CORPUS_CASES['working directories × evidence folders (tests/hostile/working-directory.test.ts)']);
  });

  it('the example folder: one evidence hash, byte-identical JSON with the trace', { timeout: 240_000 }, async () => {
    const folder = join(root, 'fixtures/van-lam-2021');
    const outs = [];
    for (const cwd of [root, folder, tmpdir()]) outs.push(await scoreFrom(cwd, folder));
    expect(hashesOf(outs[0]!).length).toBe(2); // the criteria set's and the evidence's
    expect(hashesOf(outs[1]!)).toEqual(hashesOf(outs[0]!));
    expect(hashesOf(outs[2]!)).toEqual(hashesOf(outs[0]!));
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
  });

  it('a folder with rejected rows and its own questionnaire: files named relative to their descriptor', { timeout: 240_000 }, async () => {
    const folder = folderWithRejectedRows();
    const outs = [];
    for (const cwd of [root, folder, join(folder, 'survey')]) outs.push(await scoreFrom(cwd, folder));
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    // The names the evidence carries are the descriptors' own.
    expect(outs[0]).toContain('survey/questionnaire.yaml');
    expect(outs[0]).toContain('survey/responses.csv');
    // In the evidence (and so in its hash), a rejected row names its file as the descriptor does.
    const ev = await readEvidenceSources([folder], { readers: SOURCE_READERS, set: readCriteriaSet(criteria) });
    const rows = ev.units.flatMap((u) => Object.values(u.measures)).flatMap((m) => m.rejected?.rows ?? []);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.file))).toEqual(new Set(['data/ho-so.csv']));
    expect(outs[0]).not.toContain(folder);
    expect(outs[0]).not.toContain('../');
  });
});
