/** The command line: exit codes, formats, and no stack trace for a user error. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { envLang } from '../../src/cli/command.js';
import { COMMAND_NAMES, main, subcommandNames } from '../../src/cli/main.js';
import { criteriaDoc } from '../support/support.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'par-index-cli-'));
const tree = [
  {
    id: '1',
    title: 'Cải cách TTHC',
    max: 10,
    legal: 'QĐ 1/QĐ-UBND, mục 1',
    children: [
      {
        id: '1.1',
        title: 'Tỷ lệ hồ sơ đúng hạn',
        max: 10,
        rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' },
      },
    ],
  },
];
const good = join(dir, 'set.yaml');
writeFileSync(
  good,
  stringify(
    criteriaDoc(tree, {
      bands: {
        levels: [
          { id: 'tot', label: 'Tốt', labelEn: 'Good', min: 80, max: 100, maxInclusive: true },
          { id: 'kha', label: 'Khá', min: 0, max: 80 },
        ],
      },
    }),
  ),
);
const bad = join(dir, 'bad.yaml');
writeFileSync(
  bad,
  stringify(
    criteriaDoc([{ id: '1', title: 'F', max: 9, children: [{ id: '1.1', title: 'x', max: 1, rule: { kind: 'task', task: 't' } }] }]),
  ),
);
const evDir = join(dir, 'evidence');
const evFile = (id: string, onTime: number) => ({
  format: 'par-index/evidence@1',
  year: 2021,
  source: 'Một cửa điện tử',
  units: [{ id, name: `Xã ${id}`, measures: { onTime, resolved: 100 } }],
});
mkdirSync(evDir, { recursive: true });
writeFileSync(join(evDir, 'a.yaml'), stringify(evFile('a', 95)));
writeFileSync(join(evDir, 'b.json'), JSON.stringify(evFile('b', 70)));

describe('par-index check', () => {
  it('exit 0 and the hash for a valid set', async () => {
    const r = await run('check', good, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Valid: test.set 1 \(sha256:[0-9a-f]{64}\)$/);
  });
  it('exit 1 listing every problem, in Vietnamese', async () => {
    const r = await run('check', bad, '--lang', 'vi');
    expect(r.code).toBe(1);
    // The criterion by its number, the path, and the line and column of `max: 9` in the file, found here in its text.
    const lines = readFileSync(bad, 'utf8').split('\n');
    const line = lines.findIndex((l) => /^\s*max: 9$/.test(l)) + 1;
    const col = lines[line - 1]!.indexOf('9') + 1;
    expect(line).toBeGreaterThan(0);
    expect(r.err).toContain(`bad.yaml: tiêu chí 1 (tree[0].max), dòng ${line} cột ${col}: điểm tối đa là 9`);
  });
  it('lists the findings a set acknowledges after Valid, with their reasons', async () => {
    const f = join(dir, 'acknowledged.yaml');
    const twice = [
      {
        id: 'II',
        title: 'F',
        max: 2,
        children: [
          { id: 'II.2', title: 'A', max: 1, rule: { kind: 'task', task: 'a' } },
          { id: 'II.3', printedId: 'II.2', title: 'B', max: 1, rule: { kind: 'task', task: 'b' } },
        ],
      },
    ];
    writeFileSync(
      f,
      stringify(criteriaDoc(twice, { acknowledged: [{ code: 'criteria.duplicate-printed-id', node: 'II.3', reason: 'in như vậy' }] })),
    );
    const r = await run('check', f, '--lang', 'vi');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Hợp lệ: test\.set 1 /);
    expect(r.err).toContain('Bộ tiêu chí ghi nhận 1 lỗi của chính văn bản quyết định (giữ như văn bản in):');
    expect(r.err).toMatch(
      /- đã ghi nhận \[criteria\.duplicate-printed-id\] .*acknowledged\.yaml: tiêu chí II\.2 \(id II\.3; tree\[0\]\.children\[1\]\.printedId\), dòng \d+ cột \d+: .* — lý do: in như vậy/,
    );
    // Without the acknowledgement, the same file is refused.
    writeFileSync(f, stringify(criteriaDoc(twice)));
    expect((await run('check', f, '--lang', 'en')).code).toBe(1);
  });
  it('exit 2 without a stack trace for a missing file', async () => {
    const r = await run('check', join(dir, 'nope.yaml'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/io\.read.*ENOENT/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('par-index score', () => {
  it('prints the ranked table', async () => {
    const r = await run('score', good, evDir, '--lang', 'vi');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/Hạng\s+Đơn vị\s+1\s+Tổng điểm/);
    expect(lines[2]).toMatch(/1\/2\s+Xã a\s+9,50\s+9,50\s+10,00\s+95,00\s+Tốt/);
  });
  it('writes JSON in the documented shape', async () => {
    const out = join(dir, 'scores.json');
    expect((await run('score', good, evDir, '--format', 'json', '--out', out)).code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({
      format: 'par-index/scorecard@1',
      unit: { id: 'a', name: 'Xã a' },
      criteria: { id: 'test.set', version: '1' },
      total: 9.5,
      max: 10,
      index: 95,
      band: { id: 'tot' },
      rank: 1,
      fields: [{ id: '1', title: 'Cải cách TTHC', points: 9.5, max: 10 }],
      warnings: [],
    });
    expect(json[0].criteria.hash).toMatch(/^sha256:/);
    expect(json[0].trace).toBeUndefined();
  });
  it('writes CSV', async () => {
    const r = await run('score', good, evDir, '--format', 'csv');
    expect(r.out.split('\n')).toEqual([
      'rank,unit_id,unit_name,field_1,total,max,index,band',
      '1,a,Xã a,9.50,9.50,10.00,95.00,tot',
      '2,b,Xã b,7.00,7.00,10.00,70.00,kha',
    ]);
  });
  it('exit 2 for a usage error and for invalid evidence', async () => {
    expect((await run('score', good)).code).toBe(2);
    expect((await run('score', good, evDir, '--format', 'pdf', '--lang', 'en')).err).toMatch(/--format must be/);
    const badEv = join(dir, 'bad-ev.yaml');
    writeFileSync(badEv, stringify({ format: 'par-index/evidence@9', year: 2021, units: [] }));
    const r = await run('score', good, badEv, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/format\.future-version/);
  });
});

describe('par-index explain', () => {
  it('explains one unit back to the legal text and the evidence', async () => {
    const r = await run('explain', good, evDir, '--unit', 'b', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Legal basis: QĐ 1\/QĐ-UBND, mục 1/);
    expect(r.out).toMatch(/Inputs: onTime = 70 \(source: Một cửa điện tử\)/);
    expect(r.out).toMatch(/70 ÷ 100 = 70%/);
    expect(r.out).toMatch(/Points lost because \(−3\.00\)/);
  });
  it('an unknown unit is a clear error', async () => {
    const r = await run('explain', good, evDir, '--unit', 'zz', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no unit "zz".*units: a, b/);
  });
});

describe('help', () => {
  const LABEL = { vi: 'Ví dụ', en: 'Example' } as const;

  it('lists every command, with the core and the feature commands registered', () => {
    expect(COMMAND_NAMES).toEqual(
      expect.arrayContaining([
        'check',
        'score',
        'explain',
        'demo',
        'dossiers',
        'inspect',
        'sipas',
        'rank',
        'compare',
        'uncertainty',
        'verify',
        'diff',
        'amend',
        'rescore',
        'test',
        'report',
      ]),
    );
    expect(subcommandNames('inspect')).toEqual(['checklist', 'summary']);
  });

  it.each(['vi', 'en'] as const)('par-index --help lists every command with its example (%s)', async (lang) => {
    const r = await run('--help', '--lang', lang);
    expect(r.code).toBe(0);
    for (const name of COMMAND_NAMES) expect(r.out).toContain(`  par-index ${name} `);
    expect(r.out.match(new RegExp(`${LABEL[lang]}: par-index `, 'g'))!.length).toBeGreaterThanOrEqual(COMMAND_NAMES.length);
  });

  it.each(['vi', 'en'] as const)('every command and sub-command has --help with its usage and an example of itself (%s)', async (lang) => {
    const other = lang === 'vi' ? 'en' : 'vi';
    for (const name of COMMAND_NAMES) {
      for (const sub of [undefined, ...subcommandNames(name)]) {
        const argv = sub ? [name, sub, '--help', '--lang', lang] : [name, '--help', '--lang', lang];
        const r = await run(...argv);
        const what = argv.join(' ');
        expect(r.code, what).toBe(0);
        const prefix = sub ? `par-index ${name} ${sub}` : `par-index ${name}`;
        expect(r.out.startsWith(`${prefix} `) || r.out.startsWith(`${prefix}\n`), what).toBe(true);
        expect(r.out, what).toMatch(new RegExp(`${LABEL[lang]}: ${prefix} `));
        expect(r.out, what).not.toContain(`${LABEL[other]}: `);
      }
    }
  });

  it('a sub-command help shows that sub-command only; the command help shows all', async () => {
    const one = await run('inspect', 'checklist', '--help', '--lang', 'en');
    expect(one.out).not.toContain('par-index inspect summary');
    const all = await run('inspect', '--help', '--lang', 'en');
    expect(all.out).toContain('par-index inspect checklist <criteria>');
    expect(all.out).toContain('par-index inspect summary <plan>');
  });

  it('par-index help <cmd> is <cmd> --help', async () => {
    expect((await run('help', 'score', '--lang=en')).out).toBe((await run('score', '--help', '--lang', 'en')).out);
  });
});

describe('--lang and the locale', () => {
  it('reads --lang en and --lang=en, also for messages printed before parsing', async () => {
    for (const argv of [
      ['nope', '--lang', 'en'],
      ['nope', '--lang=en'],
      ['--lang=en', 'nope'],
      ['--lang', 'en', 'nope'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^Unknown command: nope/);
    }
    for (const argv of [
      ['nope', '--lang', 'vi'],
      ['nope', '--lang=vi'],
    ])
      expect((await run(...argv)).err).toMatch(/^Lệnh không tồn tại: nope/);
  });

  it('applies --lang=en to a command, before or after its name', async () => {
    for (const argv of [
      ['check', good, '--lang=en'],
      ['--lang=en', 'check', good],
      ['--lang', 'en', 'check', good],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out, argv.join(' ')).toMatch(/^Valid: /);
    }
    expect((await run('check', good, '--lang=vi')).out).toMatch(/^Hợp lệ: /);
    const bad = await run('check', good, '--lang=fr');
    expect(bad.code).toBe(2);
    // The language asked for is unknown: the message is in both.
    expect(bad.err).toContain('--lang must be vi or en, got "fr" / --lang phải là vi hoặc en, nhận được "fr"');
  });

  it('usage errors are in the language asked for, with the usage line', async () => {
    const en = await run('score', good, '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/^score takes a criteria file and at least one evidence file or folder\nUsage: par-index score </);
    const vi = await run('score', good, '--lang=vi');
    expect(vi.code).toBe(2);
    expect(vi.err).toMatch(/^score cần một tệp bộ tiêu chí và ít nhất một tệp hoặc thư mục minh chứng\nCách dùng: par-index score </);
    expect((await run('score', good, evDir, '--format', 'pdf', '--lang', 'vi')).err).toMatch(
      /^--format phải là table, json, csv hoặc md, nhận được "pdf"/,
    );
    // Node's parser reports an unknown option in English; the Vietnamese output says what it is.
    const unknown = await run('check', good, '--nope', '--lang', 'vi');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Tùy chọn không hợp lệ: .*--nope/);
    expect((await run('check', good, '--nope', '--lang', 'en')).err).not.toContain('Tùy chọn');
  });

  it('a language given alone is not a command: help, exit 2', async () => {
    const r = await run('--lang=en');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^par-index — scores the PAR INDEX/);
  });

  it('without --lang, follows the locale: vi… Vietnamese, en… English, none or C/POSIX Vietnamese, other languages English', () => {
    expect(envLang({ LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(envLang({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(envLang({ LC_ALL: 'en_GB.UTF-8', LANG: 'vi_VN.UTF-8' })).toBe('en');
    expect(envLang({ LC_ALL: '', LC_MESSAGES: 'vi_VN', LANG: 'en_US.UTF-8' })).toBe('vi');
    expect(envLang({})).toBe('vi');
    expect(envLang({ LANG: 'C.UTF-8' })).toBe('vi');
    expect(envLang({ LC_ALL: 'POSIX' })).toBe('vi');
    expect(envLang({ LANG: 'fr_FR.UTF-8' })).toBe('en');
  });

  it('the locale decides when --lang is absent', async () => {
    const saved = { LC_ALL: process.env['LC_ALL'], LC_MESSAGES: process.env['LC_MESSAGES'], LANG: process.env['LANG'] };
    try {
      delete process.env['LC_ALL'];
      delete process.env['LC_MESSAGES'];
      process.env['LANG'] = 'en_US.UTF-8';
      expect((await run('nope')).err).toMatch(/^Unknown command/);
      expect((await run('check', good)).out).toMatch(/^Valid: /);
      process.env['LANG'] = 'vi_VN.UTF-8';
      expect((await run('nope')).err).toMatch(/^Lệnh không tồn tại/);
      expect((await run('check', good)).out).toMatch(/^Hợp lệ: /);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
