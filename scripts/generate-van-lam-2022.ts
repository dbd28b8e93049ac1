/**
 * Regenerates the Văn Lâm 2022 example from its changes file, and the report of the 2021 evidence re-scored
 * under it, with the same commands a user runs:
 *
 *   par-index amend criteria/examples/van-lam-commune-2021.yaml criteria/examples/van-lam-commune-2022.changes.yaml \
 *     --out criteria/examples/van-lam-commune-2022.yaml
 *   par-index rescore criteria/examples/van-lam-commune-2021.yaml criteria/examples/van-lam-commune-2022.yaml \
 *     fixtures/van-lam-2021 --format md --lang vi --out docs/reports/van-lam-2021-under-2022.vi.md   (and --lang en)
 *
 * ILLUSTRATIVE, like the 2021 set and its evidence. Deterministic: file names in the output are base names, and
 * nothing depends on the date or the folder it runs in. tests/versions/rescore.test.ts runs it into a temporary folder
 * and compares the bytes with the committed files.
 *
 * Run: npx tsx scripts/generate-van-lam-2022.ts
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCommands } from '../src/cli/versions.js';
import { dossierSource } from '../src/io/dossier-source.js';
import { inspectionSource } from '../src/io/inspection-source.js';
import { surveySource } from '../src/io/survey-source.js';

/**
 * The files this script writes, relative to the output root.
 *
 * @example readFileSync(OUTPUTS.reportEn, 'utf8')
 */
export const OUTPUTS = {
  criteria: 'criteria/examples/van-lam-commune-2022.yaml',
  reportVi: 'docs/reports/van-lam-2021-under-2022.vi.md',
  reportEn: 'docs/reports/van-lam-2021-under-2022.en.md',
} as const;

/**
 * Writes the outputs under `outRoot`, reading the inputs under `root` (the 2022 set the reports read is the
 * one just written). Throws when a command does not exit 0.
 *
 * @example await generate(root, mkdtempSync(join(tmpdir(), 'vl-')))
 */
export async function generate(root: string, outRoot: string): Promise<void> {
  const cmds = makeCommands([dossierSource, inspectionSource, surveySource]);
  const errors: string[] = [];
  const io = { out: (s: string) => errors.push(s), err: (s: string) => errors.push(s) };
  const run = async (name: string, pos: string[], opts: Record<string, unknown>) => {
    const code = await cmds[name]!.run(pos, opts, io);
    if (code !== 0) throw new Error(`par-index ${name} exited ${code}:\n${errors.join('\n')}`);
  };
  const base = join(root, 'criteria/examples/van-lam-commune-2021.yaml');
  const next = join(outRoot, OUTPUTS.criteria);
  await run('amend', [base, join(root, 'criteria/examples/van-lam-commune-2022.changes.yaml')], { out: next });
  for (const [lang, out] of [
    ['vi', OUTPUTS.reportVi],
    ['en', OUTPUTS.reportEn],
  ] as const) {
    await run('rescore', [base, next, join(root, 'fixtures/van-lam-2021')], { format: 'md', lang, out: join(outRoot, out) });
  }
}

const invokedDirectly = process.argv[1] !== undefined && /generate-van-lam-2022\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await generate(root, root);
  process.stdout.write(`wrote ${Object.values(OUTPUTS).join(', ')}\n`);
}
