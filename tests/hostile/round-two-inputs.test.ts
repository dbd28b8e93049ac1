/**
 * Hostile input, round two (issue 21, items 1–4): small files that used to crash the library — a flood of
 * problems that overflowed the stack, a long `source` quoted into every trace input, hostile XLSX zips, and
 * evidence folders holding dangling links, editor lock files and links out of the folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REPORTED_ISSUES, ParIndexError, type Issue } from '../../src/core/errors.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { readEvidence } from '../../src/io/evidence-files.js';
import { displayPath } from '../../src/io/files.js';
import { openTable } from '../../src/io/table.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { main } from '../../src/cli/main.js';
import { refused, refusedAsync } from '../support/hostile-support.js';
import { criteriaDoc, makeSet } from '../support/support.js';
import { score } from '../../src/ranking/score.js';
import { cardsOf } from '../../src/ranking/rank.js';
import { loadScoreCards } from '../../src/ranking/scores.js';
import { renderJson, reportMarkdown } from '../../src/report/report.js';
import { reportHtml } from '../../src/report/html.js';
import { rowsCsv, traceRows } from '../../src/report/rows.js';
import { explainText } from '../../src/report/explain.js';

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('bounded issue lists (issue 21, item 3)', () => {
  it('a flood of 200 000 bad units reports the first issues and one issue counting the rest, without overflowing the stack', () => {
    // 400 KB of `units: [1,1,…]`: each entry is a number where a unit object is expected.
    const text = `format: par-index/evidence@1\nyear: 2021\nsource: x\nunits: [${Array(200_000).fill('1').join(',')}]\n`;
    expect(text.length).toBeLessThan(410_000);
    const issues = refused(() => loadEvidence({ data: text, file: 'flood.yaml' }), 'flood.yaml');
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues[0]!.path).toEqual(['units', 0]);
    expect(issues[MAX_REPORTED_ISSUES - 1]!.path).toEqual(['units', MAX_REPORTED_ISSUES - 1]);
    const last = issues[MAX_REPORTED_ISSUES]!;
    expect(last.code).toBe('issues.truncated');
    expect(last.message).toContain(`${200_000 - MAX_REPORTED_ISSUES} more`);
    expect(last.messageVi).toContain(`${200_000 - MAX_REPORTED_ISSUES}`);
  });

  it('a ParIndexError keeps at most the first issues and counts the rest', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      code: 'schema.invalid-value' as const,
      severity: 'error' as const,
      path: [i],
      message: `bad ${i}`,
      messageVi: `sai ${i}`,
      file: 'x.yaml',
    }));
    const e = new ParIndexError(many);
    expect(e.issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(e.issues.at(-1)).toMatchObject({ code: 'issues.truncated', file: 'x.yaml' });
    expect(e.message).toContain('(+4999 more)');
  });

  it('no source file spreads a list into a call (push(...x), Math.max(...x)): a long list overflows the stack', () => {
    const offenders: string[] = [];
    for (const f of sourceFiles('src')) {
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(ts.isSpreadElement)) {
          const text = n.getText(sf);
          // Forwarding a function's own rest parameters (console-style arguments) is bounded by its caller.
          if (!(f.endsWith('render-svg.ts') && text === 'warn(...args)'))
            offenders.push(`${f}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${text.slice(0, 80)}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(offenders).toEqual([]);
  });
});

describe('evidence folders (issue 21, item 4)', () => {
  const evidenceYaml = (id: string) =>
    `format: par-index/evidence@1\nyear: 2021\nsource: Báo cáo\nunits:\n  - { id: ${id}, name: Xã ${id} }\n`;

  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  /** A folder with one good file, a dangling link, editor lock files, and a link to a file outside it. */
  function hostileFolder(): { dir: string; outside: string } {
    const base = mkdtempSync(join(tmpdir(), 'par-folder-'));
    made.push(base);
    const dir = join(base, 'evidence');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), evidenceYaml('a'));
    // An editor's lock file is a dangling link (emacs: .#x.yaml -> user@host.1234).
    symlinkSync('user@host.1234:1700000000', join(dir, '.#a.yaml'));
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    writeFileSync(join(dir, '~$book.xlsx'), 'lock');
    writeFileSync(join(dir, 'a.yaml~'), evidenceYaml('backup'));
    writeFileSync(join(dir, '.a.yaml.swp'), 'swap');
    writeFileSync(join(dir, '#a.yaml#'), evidenceYaml('autosave'));
    const outside = join(base, 'secret.yaml');
    writeFileSync(outside, evidenceYaml('outside'));
    symlinkSync(outside, join(dir, 'z-link.yaml'));
    return { dir, outside };
  }

  it('readEvidenceSources skips dangling links and lock files with a warning, and does not follow a link out of the folder', async () => {
    const { dir } = hostileFolder();
    const warnings: Issue[] = [];
    const ev = await readEvidenceSources([dir], { onWarning: (w) => warnings.push(w) });
    expect(ev.units.map((u) => u.id)).toEqual(['a']);
    expect(warnings.every((w) => w.code === 'io.skipped-file' && w.severity === 'warning')).toBe(true);
    const skipped = warnings.map((w) => w.file!.split('/').at(-1)).sort();
    expect(skipped).toEqual(['#a.yaml#', '.#a.yaml', '.a.yaml.swp', 'a.yaml~', 'dangling.yaml', 'z-link.yaml', '~$book.xlsx']);
    const link = warnings.find((w) => w.file!.endsWith('z-link.yaml'))!;
    expect(link.message).toContain('outside the folder');
    expect(link.message).toContain('followLinks');
    expect(link.messageVi.length).toBeGreaterThan(0);
  });

  it('follows a link out of the folder when followLinks allows it', async () => {
    const { dir } = hostileFolder();
    const ev = await readEvidenceSources([dir], { followLinks: true });
    expect(ev.units.map((u) => u.id).sort()).toEqual(['a', 'outside']);
  });

  it('readEvidence (synchronous) walks folders the same way', () => {
    const { dir } = hostileFolder();
    const warnings: Issue[] = [];
    expect(readEvidence(dir, { onWarning: (w) => warnings.push(w) }).units.map((u) => u.id)).toEqual(['a']);
    expect(warnings).toHaveLength(7);
    expect(
      readEvidence(dir, { followLinks: true })
        .units.map((u) => u.id)
        .sort(),
    ).toEqual(['a', 'outside']);
  });

  it('score reads the folder, says what it skipped on standard error, and follows the link with --follow-links', async () => {
    const { dir } = hostileFolder();
    const crit = join(dir, '..', 'criteria.yaml');
    writeFileSync(
      crit,
      JSON.stringify(
        criteriaDoc([
          { id: '1', title: 'Một', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
        ]),
      ),
    );
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, { out: (x) => out.push(x), err: (x) => err.push(x) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const r = await run('score', crit, dir, '--format', 'json', '--lang', 'en', '--lenient');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { unit: { id: string } }[]).map((c) => c.unit.id)).toEqual(['a']);
    expect(r.err).toContain('warning [io.skipped-file]');
    expect(r.err).toMatch(/dangling\.yaml: skipped: a symbolic link to nothing/);
    expect(r.err).toMatch(/z-link\.yaml: skipped: a symbolic link pointing outside the folder/);
    const f = await run('score', crit, dir, '--format', 'json', '--lang', 'en', '--lenient', '--follow-links');
    expect(f.code, f.err).toBe(0);
    expect((JSON.parse(f.out) as { unit: { id: string } }[]).map((c) => c.unit.id).sort()).toEqual(['a', 'outside']);
    const help = await run('--help', '--lang', 'en');
    expect(help.out).toContain('--follow-links');
  });

  it('a link inside the folder to another file of it is read as before', async () => {
    const base = mkdtempSync(join(tmpdir(), 'par-folder-'));
    made.push(base);
    writeFileSync(join(base, 'a.yaml'), evidenceYaml('a'));
    mkdirSync(join(base, 'sub'));
    writeFileSync(join(base, 'sub', 'b.yaml'), evidenceYaml('b'));
    symlinkSync(join(base, 'sub', 'b.yaml'), join(base, 'b.yaml'));
    const ev = await readEvidenceSources([base], {});
    expect(ev.units.map((u) => u.id).sort()).toEqual(['a', 'b']);
  });
});

describe('XLSX workbooks that attack the reader (issue 21, item 2)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'par-xlsx-hostile-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

  /** A workbook of one sheet, its parts zipped in the order a streaming reader wants: workbook, strings, sheet. */
  async function workbook(
    name: string,
    sheetRows: string,
    sharedStrings = '<sst ' + NS + ' count="0" uniqueCount="0"></sst>',
  ): Promise<string> {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    );
    zip.file(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    );
    zip.file(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    );
    zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?>${sharedStrings}`);
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheetRows}</sheetData></worksheet>`,
    );
    const path = join(tmp, name);
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return path;
  }

  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const HEADER = `<row r="1">${inline('A1', 'unit')}${inline('B1', 'value')}</row>`;

  /** Sets the uncompressed size the central directory declares for a part. */
  function declareSize(path: string, part: string, size: number): void {
    const b = readFileSync(path);
    const at = b.lastIndexOf(Buffer.from(part)) - 46;
    expect(b.readUInt32LE(at)).toBe(0x02014b50);
    b.writeUInt32LE(size, at + 24);
    writeFileSync(path, b);
  }

  const readAll = async (path: string, opts: Parameters<typeof openTable>[1] = {}) => {
    const t = await openTable(path, opts);
    const rows: unknown[] = [];
    for await (const r of t.rows) rows.push(r.cells);
    return rows;
  };

  it('a well-formed workbook still reads', async () => {
    const p = await workbook('ok.xlsx', `${HEADER}<row r="2">${inline('A2', 'Xã 1')}<c r="B2"><v>3</v></c></row>`);
    expect(await readAll(p)).toEqual([['Xã 1', 3]]);
  });

  it('shared strings that declare 2.9 GB are refused from the zip directory, before anything is inflated', async () => {
    const p = await workbook('bomb.xlsx', HEADER);
    declareSize(p, 'xl/sharedStrings.xml', 0xb000_0000);
    const i = (await refusedAsync(() => readAll(p), displayPath(p)))[0]!;
    expect(i.code).toBe('io.too-large');
    expect(i.path).toEqual(['xl/sharedStrings.xml']);
    expect(i.message).toContain('limits.maxXlsxPartBytes');
    expect(i.message).toContain(String(0xb000_0000));
  });

  it('a sheet over its limit is refused from the directory, and a directory that understates a size is caught while inflating', async () => {
    const big = `${HEADER}${Array.from({ length: 3000 }, (_, k) => `<row r="${k + 2}">${inline(`A${k + 2}`, 'Xã')}<c r="B${k + 2}"><v>${k}</v></c></row>`).join('')}`;
    const p = await workbook('big-sheet.xlsx', big);
    const i = (await refusedAsync(() => readAll(p, { limits: { maxXlsxSheetBytes: 50_000 } }), displayPath(p)))[0]!;
    expect(i.code).toBe('io.too-large');
    expect(i.path).toEqual(['xl/worksheets/sheet1.xml']);
    expect(i.message).toContain('limits.maxXlsxSheetBytes');
    // The directory says 100 bytes; the part inflates to far more.
    declareSize(p, 'xl/worksheets/sheet1.xml', 100);
    const j = (await refusedAsync(() => readAll(p, { limits: { maxXlsxSheetBytes: 50_000 } }), displayPath(p)))[0]!;
    expect(j.code).toBe('io.too-large');
    expect(j.message).toContain('limits.maxXlsxSheetBytes');
  });

  it('a cell reference beyond XFD1048576 is refused as parse.xlsx, not "Out of bounds" from exceljs', async () => {
    for (const [name, row] of [
      ['zzzzzz.xlsx', `<row r="2">${inline('ZZZZZZ2', 'x')}</row>`],
      ['xfe.xlsx', `<row r="2">${inline('XFE2', 'x')}</row>`],
      ['row.xlsx', `<row r="1048577">${inline('A1048577', 'x')}</row>`],
    ] as const) {
      const p = await workbook(name, `${HEADER}${row}`);
      const issues = await refusedAsync(() => readAll(p), displayPath(p));
      expect(issues[0]!.code, name).toBe('parse.xlsx');
      expect(issues[0]!.message, name).toContain('XFD1048576');
    }
  });

  it("an oversized cell is refused naming maxCellChars: over Excel's 32 767 characters, or a stretch the XML parser would gather into one string", async () => {
    const p = await workbook('cell.xlsx', `${HEADER}<row r="2">${inline('A2', 'x'.repeat(40_000))}</row>`);
    const i = (await refusedAsync(() => readAll(p), displayPath(p)))[0]!;
    expect(i.code).toBe('io.too-large');
    expect(i.path).toEqual(['row', 2]);
    expect(i.message).toContain('limits.maxCellChars');
    const q = await workbook('run.xlsx', `${HEADER}<row r="2">${inline('A2', 'x'.repeat(400_000))}</row>`);
    const j = (await refusedAsync(() => readAll(q), displayPath(q)))[0]!;
    expect(j.code).toBe('io.too-large');
    expect(j.path).toEqual(['xl/worksheets/sheet1.xml']);
    expect(j.message).toContain('limits.maxCellChars');
    // Raised, the same cell reads.
    expect(await readAll(p, { limits: { maxCellChars: 50_000 } })).toEqual([['x'.repeat(40_000)]]);
  });
});

describe('trace size linear in the tree, not in the evidence text (issue 21, item 1)', () => {
  // 100 units × 40 measures from one 185 KB file whose top-level `source` (the default of every item) is long.
  const N_MEASURES = 40;
  const N_UNITS = 100;
  const LONG = `Báo cáo ${'rất dài '.repeat(19_000)}`.trim();
  const measures = Object.fromEntries(Array.from({ length: N_MEASURES }, (_, k) => [`m${k}`, { title: `Chỉ số ${k}`, unit: 'count' }]));
  const set = makeSet(
    [
      {
        id: '1',
        title: 'Lĩnh vực',
        max: N_MEASURES / 2,
        children: Array.from({ length: N_MEASURES / 2 }, (_, k) => ({
          id: `1.${k + 1}`,
          title: `Tiêu chí ${k + 1}`,
          max: 1,
          rule: { kind: 'rate', numerator: `m${2 * k}`, base: `m${2 * k + 1}`, whenBaseZero: 'full' },
        })),
      },
    ],
    { measures },
  );
  const yaml = [
    'format: par-index/evidence@1',
    'year: 2021',
    `source: "${LONG}"`,
    'units:',
    ...Array.from(
      { length: N_UNITS },
      (_, u) =>
        `  - { id: u${u}, name: X${u}, measures: { ${Array.from({ length: N_MEASURES }, (_, k) => `m${k}: ${k % 2 ? 9 : u % 9}`).join(', ')} } }`,
    ),
  ].join('\n');
  const evidence = loadEvidence({ data: yaml, file: 'long-source.yaml' });
  const ranking = score(set, evidence, { trace: true });
  /** The documented bound: each output holds every long source once, plus a few KB per unit. */
  const bound = LONG.length * 2 + N_UNITS * 60_000;

  it('the evidence file is the one of the issue: 185 KB, 100 units × 40 measures', () => {
    expect(yaml.length).toBeGreaterThan(180_000);
    expect(yaml.length).toBeLessThan(200_000);
    expect(evidence.units).toHaveLength(N_UNITS);
  });

  it('score --format json --trace writes the source once and reads back the same trace', () => {
    const json = renderJson(ranking, { trace: true });
    expect(json.length).toBeLessThan(bound);
    expect(json.split(LONG).length - 1).toBe(1);
    const doc = JSON.parse(json) as Record<string, unknown>[];
    expect(doc[0]!['format']).toBe('par-index/scorecard@2');
    const back = cardsOf(loadScoreCards(json, { file: 'scores.json' }));
    const input = back[5]!.trace![0]!.children[3]!.inputs[0]!;
    expect(input).toMatchObject({ kind: 'measure', source: LONG });
    expect(back.map((c) => c.trace)).toEqual(cardsOf(ranking).map((c) => c.trace));
  });

  it('score --format md, report --format html and the trace CSV quote the source once', () => {
    const md = reportMarkdown(ranking, 'en');
    const html = reportHtml(ranking, { lang: 'en' });
    const csv = rowsCsv(traceRows(cardsOf(ranking), 'en'));
    for (const [name, text] of [
      ['md', md],
      ['html', html],
      ['csv', csv],
    ] as const) {
      expect(text.length, name).toBeLessThan(bound);
      expect(text.split(LONG).length - 1, name).toBe(1);
      // Markdown escapes the brackets of its text (they would start a link); rendered, it reads "[S1]".
      expect(text, name).toContain(name === 'md' ? '\\[S1\\]' : '[S1]');
    }
  });

  it('a short source is still written where it is read, and a card of format 1 still reads', () => {
    const short = score(set, loadEvidence({ data: yaml.replace(LONG, 'Báo cáo ngắn'), file: 'short.yaml' }), { trace: true });
    const json = renderJson(short, { trace: true });
    expect(json).not.toContain('sourceRef');
    expect((JSON.parse(json) as { format: string }[])[0]!.format).toBe('par-index/scorecard@1');
    expect(cardsOf(loadScoreCards(json)).map((c) => c.trace)).toEqual(cardsOf(short).map((c) => c.trace));
    expect(explainText(cardsOf(short)[0]!, 'en')).toContain('(source: Báo cáo ngắn)');
  });

  it('the evidence hash of a long source still changes with every character of it and is stable', () => {
    const other = loadEvidence({ data: yaml.replace(LONG, `${LONG.slice(0, -1)}x`), file: 'long-source.yaml' });
    expect(other.hash).not.toBe(evidence.hash);
    expect(loadEvidence({ data: yaml, file: 'again.yaml' }).hash).toBe(evidence.hash);
  });

  it('a reference to a source the file does not define is refused with its path', () => {
    const doc = JSON.parse(renderJson(ranking, { trace: true })) as Record<string, unknown>[];
    delete doc[0]!['sources'];
    const i = refused(() => loadScoreCards(doc, { file: 'scores.json' }), 'scores.json')[0]!;
    expect(i.code).toBe('schema.invalid-value');
    expect(i.path.slice(0, 2)).toEqual([0, 'trace']);
    expect(i.message).toContain('S1');
  });
});
