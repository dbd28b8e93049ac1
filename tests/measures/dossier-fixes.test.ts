/**
 * Four fixes to dossier records: an inline procedure catalogue takes the online-mode ids (level2, level4) and the
 * words exports write ("Mức độ 3", "toàn trình"); a measure that needs both the mode and the channel is
 * unavailable, not 0, when either column is missing; evidence built from dossiers names the dossier ids in the
 * source a score's trace shows; and `par-index dossiers --ids all`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { ParIndexError } from '../../src/core/errors.js';
import { parseCsv } from '../../src/core/table.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { TraceNode } from '../../src/engine/types.js';
import { dossierSource, summariseDescriptor } from '../../src/io/dossier-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { DOSSIER_MEASURES } from '../../src/measures/dossier-measures.js';
import { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import type { DossierSummary } from '../../src/measures/summary-schema.js';
import { mergeSummaries } from '../../src/measures/summary-merge.js';
import { main } from '../../src/cli/main.js';
import { dossierSummaryJson } from '../../src/cli/dossiers.js';
import { criteriaDoc } from '../support/support.js';
import { root } from '../support/paths.js';

const cal = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'par-index-dossier-fixes-'));
const PERIOD = { from: '2021-01-01', to: '2021-12-31' };
const MODES = ['full', 'partial', 'none', 'level4', 'level3', 'level2', 'level1'];
const VAN_LAM = `${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml`;

/** Records with a procedure code and a channel, but no mode and no processing time: the catalogue gives both. */
const RECORDS = [
  'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận,Hình thức nộp',
  'HS-01,P2,01/03/2021,03/03/2021,Đã giải quyết,UBND xã A,Trực tiếp',
  'HS-02,P4,02/03/2021,04/03/2021,Đã giải quyết,UBND xã A,Trực tuyến',
  'HS-03,P4,02/03/2021,,Đang xử lý,UBND xã A,Trực tiếp',
  'HS-04,P3,03/03/2021,05/03/2021,Đã giải quyết,UBND xã A,Trực tuyến',
  'HS-05,PF,04/03/2021,05/03/2021,Đã giải quyết,UBND xã A,Trực tuyến',
  'HS-06,P2,05/03/2021,08/03/2021,Đã giải quyết,UBND xã A,Trực tiếp',
  '',
].join('\n');

function folder(name: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, `${name}-`));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

function descriptor(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    format: 'par-index/dossier-source@1',
    year: 2021,
    period: PERIOD,
    records: 'hs.csv',
    units: { 'UBND xã A': { id: 'xa-a', name: 'Xã A' } },
    source: 'Một cửa điện tử tỉnh, kết xuất 31/12/2021',
    ...extra,
  };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const count = (s: DossierSummary, m: string) => s.total.measures[m]!.count;

describe('an inline procedure catalogue takes online-mode ids and export words', () => {
  const time = '5 ngày';
  const catalogues: [string, unknown, Record<string, string>][] = [
    [
      'inline ids (level2, level4, level3, full)',
      { P2: { mode: 'level2', time }, P4: { mode: 'level4', time }, P3: { mode: 'level3', time }, PF: { mode: 'full', time } },
      {},
    ],
    [
      'inline export words (Mức độ 2, mức 4, 3, toàn trình)',
      { P2: { mode: 'Mức độ 2', time }, P4: { mode: 'mức 4', time }, P3: { mode: 3, time }, PF: { mode: 'toàn trình', time } },
      {},
    ],
    [
      'a CSV catalogue, ids and words mixed',
      'danh-muc.csv',
      {
        'danh-muc.csv': `Mã thủ tục,Mức độ DVC,Thời hạn giải quyết\nP2,level2,${time}\nP4,Mức độ 4,${time}\nP3,3,${time}\nPF,Toàn trình,${time}\n`,
      },
    ],
    [
      'a YAML catalogue, ids and words mixed',
      'danh-muc.yaml',
      {
        'danh-muc.yaml': stringify({
          procedures: {
            P2: { mode: 'Mức độ 2', time },
            P4: { mode: 'level4', time },
            P3: { mode: 'level3', time },
            PF: { mode: 'toàn trình', time },
          },
        }),
      },
    ],
  ];

  it.each(catalogues)('%s: modes, onlineEligible and online per mode are counted', async (_, procedures, extra) => {
    const dir = folder('modes', { 'hs.csv': RECORDS, ...extra, 'hs.source.yaml': stringify(descriptor({ procedures })) });
    const { summary: s, descriptor: d } = await summariseDescriptor(join(dir, 'hs.source.yaml'));
    if (typeof d.procedures === 'object')
      expect(Object.values(d.procedures).map((p) => p.mode)).toEqual(['level2', 'level4', 'level3', 'full']);
    expect(s.rows).toEqual({ in: 6, used: 6, rejected: 0, outsidePeriod: 0 });
    expect(s.unavailable.map((u) => u.measure)).not.toContain('mode.level2');
    expect([
      count(s, 'mode.level2'),
      count(s, 'mode.level4'),
      count(s, 'mode.level3'),
      count(s, 'mode.full'),
      count(s, 'mode.partial'),
    ]).toEqual([2, 2, 1, 1, 0]);
    expect(s.total.measures['mode.level2']!.ids).toEqual(['HS-01', 'HS-06']);
    expect(s.total.measures['mode.level4']!.ids).toEqual(['HS-02', 'HS-03']);
    // Level 3–4, partial and full can be filed online; level 2 cannot.
    expect(s.total.measures['onlineEligible']!.ids).toEqual(['HS-02', 'HS-03', 'HS-04', 'HS-05']);
    expect([
      count(s, 'online'),
      count(s, 'online.level4'),
      count(s, 'online.level3'),
      count(s, 'online.full'),
      count(s, 'online.level2'),
    ]).toEqual([3, 1, 1, 1, 0]);
    expect(s.total.rates['onlineEligibleShare']).toMatchObject({ num: 3, den: 4, value: 0.75 });
  });

  it('an unknown mode is refused where it is written, in both languages, inline or in a table', async () => {
    const dir = folder('bad-mode', {
      'hs.csv': RECORDS,
      'hs.source.yaml': stringify(descriptor({ procedures: { P2: { mode: 'level5' } } })),
    });
    const e = await summariseDescriptor(join(dir, 'hs.source.yaml')).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    const i = (e as ParIndexError).issues[0]!;
    expect(i.path).toEqual(['procedures', 'P2', 'mode']);
    expect(i.message).toMatch(/^unknown online mode "level5": expected full, partial, none or level1–level4/);
    expect(i.messageVi).toMatch(/^mức độ "level5" không xác định/);
    const csv = folder('bad-mode-csv', {
      'hs.csv': RECORDS,
      'dm.csv': 'Mã thủ tục,Mức độ DVC,Thời hạn giải quyết\nP2,Mức 9,5 ngày\n',
      'hs.source.yaml': stringify(descriptor({ procedures: 'dm.csv' })),
    });
    await expect(summariseDescriptor(join(csv, 'hs.source.yaml'))).rejects.toThrow(/unknown online mode "Mức 9"/);
  });
});

describe('a measure needing more than one field is unavailable when any is missing, never 0', () => {
  const withMode =
    'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận,Mức độ DVC\nM1,01/03/2021,5 ngày,03/03/2021,Đã giải quyết,UBND xã A,Mức độ 3\nM2,02/03/2021,5 ngày,03/03/2021,Đã giải quyết,UBND xã A,Toàn trình\n';
  const withChannel =
    'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận,Hình thức nộp\nC1,01/03/2021,5 ngày,03/03/2021,Đã giải quyết,UBND xã A,Trực tuyến\n';
  const neither =
    'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận\nN1,01/03/2021,5 ngày,03/03/2021,Đã giải quyết,UBND xã A\n';
  const summary = (...texts: string[]) =>
    summariseDossiers(
      texts.map((t, i) => ({ file: `f${i}.csv`, table: parseCsv(t, { file: `f${i}.csv` }) })),
      { calendar: cal, period: PERIOD },
    ).summary;
  const entry = (s: DossierSummary, m: string) => s.unavailable.find((u) => u.measure === m);

  it('declares online.<mode> as needing the mode and the channel', () => {
    for (const m of MODES) expect(DOSSIER_MEASURES.find((d) => d.id === `online.${m}`)!.needs).toEqual(['mode', 'channel']);
    expect(DOSSIER_MEASURES.find((d) => d.id === 'mode.level3')!.needs).toEqual(['mode']);
  });

  it('a mode column but no channel column: online.<mode> is unavailable (needs channel), mode.<mode> is counted', () => {
    const s = summary(withMode);
    for (const m of MODES) expect(entry(s, `online.${m}`), m).toEqual({ measure: `online.${m}`, needs: 'channel', missing: ['channel'] });
    expect(entry(s, 'mode.level3')).toBeUndefined();
    expect(entry(s, 'onlineEligible')).toBeUndefined();
    expect([count(s, 'mode.level3'), count(s, 'onlineEligible')]).toEqual([1, 2]);
    expect(entry(s, 'online')).toEqual({ measure: 'online', needs: 'channel', missing: ['channel'] });
    // In the order of DOSSIER_MEASURES.
    const order = DOSSIER_MEASURES.map((d) => d.id);
    expect(s.unavailable.map((u) => order.indexOf(u.measure))).toEqual(
      [...s.unavailable.map((u) => order.indexOf(u.measure))].sort((a, b) => a - b),
    );
  });

  it('neither column: `needs` names the first missing field (as before), `missing` names both', () => {
    expect(entry(summary(neither), 'online.level3')).toEqual({ measure: 'online.level3', needs: 'mode', missing: ['mode', 'channel'] });
    expect(entry(summary(withChannel), 'online.level3')).toEqual({ measure: 'online.level3', needs: 'mode', missing: ['mode'] });
  });

  it('merging unites what each part lacks, as one pass over both files does; an older summary without `missing` still merges', () => {
    const a = summary(withMode);
    const b = summary(withChannel);
    const merged = mergeSummaries(a, b);
    expect(entry(merged, 'online.level3')).toEqual({ measure: 'online.level3', needs: 'mode', missing: ['mode', 'channel'] });
    expect(merged.unavailable).toEqual(summary(withMode, withChannel).unavailable);
    expect(mergeSummaries(b, a).unavailable).toEqual(merged.unavailable);
    const old = JSON.parse(JSON.stringify(a)) as { unavailable: { measure: string; needs: string; missing?: string[] }[] };
    for (const u of old.unavailable) delete u.missing;
    expect(mergeSummaries(old as unknown as DossierSummary, a).unavailable).toEqual(a.unavailable);
  });

  it('a descriptor mapping online.level3 from an export without a channel column fails, naming the column; mode.level3 maps', async () => {
    const dir = folder('no-channel', {
      'hs.csv': withMode,
      'hs.source.yaml': stringify(descriptor({ measures: { l3: 'mode.level3', l3online: 'online.level3' } })),
    });
    const e = await readEvidenceSources(dir, { readers: [dossierSource] }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    const i = (e as ParIndexError).issues[0]!;
    expect(i).toMatchObject({ code: 'dossier.bad-header', path: ['measures', 'l3online'] });
    expect(i.message).toBe(
      'l3online ← online.level3 needs the column "channel", which the export does not have: it cannot be counted (and is not set to 0)',
    );
    expect(i.messageVi).toBe('l3online ← online.level3 cần cột "channel" mà tệp kết xuất không có: không tính được (và không gán 0)');
    writeFileSync(join(dir, 'hs.source.yaml'), stringify(descriptor({ measures: { l3: 'mode.level3' } })));
    const ev = await readEvidenceSources(dir, { readers: [dossierSource] });
    expect(ev.units[0]!.measures['l3']!.value).toBe(1);
  });

  it('two missing columns are both named', async () => {
    const dir = folder('no-mode-channel', {
      'hs.csv': neither,
      'hs.source.yaml': stringify(descriptor({ measures: { l4online: 'online.level4' } })),
    });
    await expect(readEvidenceSources(dir, { readers: [dossierSource] })).rejects.toThrow(
      'l4online ← online.level4 needs the columns "mode" and "channel", which the export does not have',
    );
  });

  it('the mode from a catalogue and no channel column: online.level4 is unavailable through the descriptor too', async () => {
    const noChannel = RECORDS.split('\n')
      .map((l) => l.replace(/,[^,]*$/, ''))
      .join('\n');
    const dir = folder('cat-no-channel', {
      'hs.csv': noChannel,
      'hs.source.yaml': stringify(
        descriptor({
          procedures: {
            P2: { mode: 'level2', time: 5 },
            P4: { mode: 'level4', time: 5 },
            P3: { mode: 'level3', time: 5 },
            PF: { mode: 'full', time: 5 },
          },
        }),
      ),
    });
    const { summary: s } = await summariseDescriptor(join(dir, 'hs.source.yaml'));
    expect(count(s, 'mode.level4')).toBe(2);
    expect(entry(s, 'online.level4')).toEqual({ measure: 'online.level4', needs: 'channel', missing: ['channel'] });
  });

  it('the command names what each measure lacks', async () => {
    const p = join(folder('cli-na', {}), 'hs.csv');
    writeFileSync(p, neither);
    const r = await cli('dossiers', p, '--from', '2021-01-01', '--to', '2021-12-31', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Not computable \(missing column\): .*online\.level3 \(mode \+ channel\)/);
    writeFileSync(p, withMode);
    const vi = await cli('dossiers', p, '--from', '2021-01-01', '--to', '2021-12-31', '--lang', 'vi');
    expect(vi.out).toMatch(/Không tính được \(thiếu cột\): .*online\.level3 \(channel\)/);
    expect(vi.out).not.toMatch(/mode\.level3 \(/);
  });
});

describe('evidence from dossiers names the dossier ids in its source, and the trace shows them', () => {
  it('quotes up to idsInNote ids, then how many more; none for a count of 0 or idsInNote 0', async () => {
    const procedures = {
      P2: { mode: 'level2', time: 5 },
      P4: { mode: 'level4', time: 5 },
      P3: { mode: 'level3', time: 5 },
      PF: { mode: 'full', time: 5 },
    };
    const measures = { received: 'received', online: 'online', late: 'resolved.late' };
    const dir = folder('ids', { 'hs.csv': RECORDS, 'hs.source.yaml': stringify(descriptor({ procedures, measures, idsInNote: 3 })) });
    const doc = parse(readFileSync(join(dir, 'hs.source.yaml'), 'utf8'));
    const read = async (d: unknown) => {
      const r = await dossierSource.read(d, { file: 'hs.source.yaml', dir });
      return (r.inputs[0]!.data as { units: { measures: Record<string, { value: number; source: string; note: string }> }[] }).units[0]!
        .measures;
    };
    const m = await read(doc);
    const head = 'Một cửa điện tử tỉnh, kết xuất 31/12/2021 — hs.csv: ';
    expect(m['received']!.source).toBe(`${head}6 hồ sơ (received, 2021-01-01..2021-12-31); mã hồ sơ: HS-01, HS-02, HS-03 … (+3)`);
    expect(m['online']!.source).toBe(`${head}3 hồ sơ (online, 2021-01-01..2021-12-31); mã hồ sơ: HS-02, HS-04, HS-05`);
    expect(m['late']!.source).toBe(`${head}0 hồ sơ (resolved.late, 2021-01-01..2021-12-31)`);
    // The note still lists them, as before.
    expect(m['received']!.note).toBe('mã hồ sơ: HS-01, HS-02, HS-03 … (+3)');
    const none = await read({ ...doc, idsInNote: 0 });
    expect(none['received']!.source).toBe(`${head}6 hồ sơ (received, 2021-01-01..2021-12-31)`);
    // No empty list and no "… (+6)" with nothing before it: the note says the ids are not listed.
    expect(none['received']!.note).toBe('6 hồ sơ; mã hồ sơ không liệt kê (idsInNote: 0)');
  });

  it('a score trace shows the ids behind each input', async () => {
    const dir = folder('trace', {
      'hs.csv': RECORDS,
      'hs.source.yaml': stringify(
        descriptor({
          procedures: { P2: { time: 5 }, P4: { time: 5 }, P3: { time: 5 }, PF: { time: 5 } },
          measures: { onTime: 'resolved.inTime', resolved: 'resolved' },
          idsInNote: 2,
        }),
      ),
    });
    const set = loadCriteriaSet(
      criteriaDoc([
        {
          id: '1',
          title: 'Cải cách TTHC',
          max: 10,
          children: [
            {
              id: '1.1',
              title: 'Tỷ lệ hồ sơ đúng hạn',
              max: 10,
              rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' },
            },
          ],
        },
      ]),
    );
    const evidence = await readEvidenceSources(dir, { readers: [dossierSource] });
    const card = evaluate(set, evidence, { trace: true })[0]!;
    const find = (nodes: readonly TraceNode[], id: string): TraceNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const f = find(n.children, id);
        if (f) return f;
      }
      return undefined;
    };
    const inputs = find(card.trace!, '1.1')!.inputs as readonly { id?: string; source?: string }[];
    expect(inputs.map((i) => [i.id, i.source?.replace(/^.* — hs\.csv: /, '')])).toEqual([
      ['onTime', '5 hồ sơ (resolved.inTime, 2021-01-01..2021-12-31); mã hồ sơ: HS-01, HS-02 … (+3)'],
      ['resolved', '5 hồ sơ (resolved, 2021-01-01..2021-12-31); mã hồ sơ: HS-01, HS-02 … (+3)'],
    ]);
  });

  it('par-index explain on the Văn Lâm example names the first ids of each dossier input (built CLI)', async () => {
    const { summary } = await summariseDescriptor(VAN_LAM);
    const ids = summary.groups['tan-quang']!.measures['resolved.inTime']!.ids.slice(0, 5);
    expect(ids).toHaveLength(5);
    expect(ids.every((id) => id.startsWith('VL.TQ.'))).toBe(true);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'dist/cli.js'),
        'explain',
        'criteria/examples/van-lam-commune-2021.yaml',
        'fixtures/van-lam-2021',
        '--unit',
        'tan-quang',
        '--lang',
        'en',
      ],
      { cwd: root, maxBuffer: 1 << 24 },
    );
    const line = stdout.split('\n').find((l) => l.includes('Inputs: dossiers.onTime = 405'));
    expect(line).toBeDefined();
    expect(line!.trim()).toBe(
      `Inputs: dossiers.onTime = 405 (source: Hệ thống thông tin một cửa điện tử tỉnh Hưng Yên, kết xuất 15/12/2021 (dữ liệu minh họa) — ho-so-mot-cua-2021.csv: 405 hồ sơ (resolved.inTime, 2020-12-15..2021-12-15); mã hồ sơ: ${ids.join(', ')} … (+400))`,
    );
    // Every dossier input of the trace names ids, except a count of 0.
    const dossierLines = stdout.split('\n').filter((l) => / hồ sơ \(/.test(l));
    expect(dossierLines.length).toBeGreaterThan(5);
    for (const l of dossierLines) expect(l, l).toMatch(/: 0 hồ sơ \(|; mã hồ sơ: VL\.TQ\./);
  });
});

describe('par-index dossiers --ids all', () => {
  const small = () => {
    const p = join(folder('ids-all', {}), 'hs.csv');
    writeFileSync(
      p,
      'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận\n' +
        Array.from(
          { length: 30 },
          (_, i) => `HS-${String(i + 1).padStart(2, '0')},01/03/2021,5 ngày,03/03/2021,Đã giải quyết,UBND xã A`,
        ).join('\n') +
        '\n',
    );
    return p;
  };

  it('keeps every id, and the JSON says "idLimit": "all" (JSON has no Infinity)', async () => {
    const r = await cli('dossiers', VAN_LAM, '--ids', 'all', '--format', 'json', '--quiet');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as Omit<DossierSummary, 'idLimit'> & { idLimit: unknown };
    expect(s.idLimit).toBe('all');
    for (const g of [s.total, ...Object.values(s.groups)]) {
      for (const [id, m] of Object.entries(g.measures)) {
        expect(m.ids.length, id).toBe(m.count);
        expect(m.idsTruncated, id).toBe(false);
      }
    }
    expect(s.total.measures['received']!.ids.length).toBeGreaterThan(7000);
    // The default keeps 20 (the descriptor's idsInNote is 5, below 20) and writes a number.
    const d = JSON.parse((await cli('dossiers', VAN_LAM, '--format', 'json', '--quiet')).out) as DossierSummary;
    expect(d.idLimit).toBe(20);
    expect(d.total.measures['received']!.ids).toHaveLength(20);
    expect(d.total.measures['received']!.ids).toEqual(s.total.measures['received']!.ids.slice(0, 20));
  });

  it('read back, such a summary is refused by mergeSummaries with a reason, not merged keeping no ids', async () => {
    const r = await cli('dossiers', small(), '--from', '2021-01-01', '--to', '2021-12-31', '--ids', 'all', '--format', 'json', '--quiet');
    const s = JSON.parse(r.out) as DossierSummary;
    expect(s.total.measures['received']!.ids).toHaveLength(30);
    expect(() => mergeSummaries(s, s)).toThrow(/idLimit is all, not a number ≥ 0/);
  });

  it('table and CSV formats work with --ids all; --ids N keeps N', async () => {
    const p = small();
    for (const format of ['table', 'csv'])
      expect(
        (await cli('dossiers', p, '--from', '2021-01-01', '--to', '2021-12-31', '--ids', 'all', '--format', format, '--quiet')).code,
      ).toBe(0);
    const two = JSON.parse(
      (await cli('dossiers', p, '--from', '2021-01-01', '--to', '2021-12-31', '--ids', '2', '--format', 'json', '--quiet')).out,
    ) as DossierSummary;
    expect(two.idLimit).toBe(2);
    expect(two.total.measures['received']).toEqual({ count: 30, ids: ['HS-01', 'HS-02'], idsTruncated: true });
  });

  it('writes a finite summary exactly as before', async () => {
    const { summary } = await summariseDescriptor(VAN_LAM, { idLimit: 3 });
    expect(dossierSummaryJson(summary)).toBe(`${JSON.stringify(summary, null, 2)}\n`);
  });

  it.each([['-1'], ['x'], ['1.5'], [''], ['Infinity']])('refuses --ids %j as a usage error (exit 2), in both languages', async (v) => {
    const p = small();
    const en = await cli('dossiers', p, `--ids=${v}`, '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.err).toContain(`--ids must be a whole number ≥ 0 or "all", got "${v}"`);
    const vi = await cli('dossiers', p, `--ids=${v}`, '--lang', 'vi');
    expect(vi.err).toContain(`--ids phải là số nguyên ≥ 0 hoặc "all" (tất cả), nhận được "${v}"`);
  });

  it('the help shows --ids N|all (built CLI)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), 'dossiers', '--help', '--lang', 'en'], {
      cwd: root,
    });
    expect(stdout).toContain('[--ids N|all]');
    expect(stdout).toMatch(/--ids N\|all: dossier ids kept per measure \(all: every one/);
  });

  it('the built CLI takes --ids all', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'dist/cli.js'),
        'dossiers',
        small(),
        '--from',
        '2021-01-01',
        '--to',
        '2021-12-31',
        '--ids',
        'all',
        '--format',
        'json',
        '--quiet',
      ],
      { cwd: root },
    );
    const s = JSON.parse(stdout) as { idLimit: unknown; total: DossierSummary['total'] };
    expect(s.idLimit).toBe('all');
    expect(s.total.measures['received']!.ids).toHaveLength(30);
  });
});
