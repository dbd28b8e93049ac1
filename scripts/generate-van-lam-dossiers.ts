/**
 * Generates the illustrative dossier export of the Văn Lâm example (fixtures/van-lam-2021/ho-so-mot-cua-2021.csv):
 * several thousand dossier records of the 11 communes and town, 15/12/2020–15/12/2021, as a provincial one-stop
 * system would export them (Vietnamese headers, dd/mm/yyyy HH:mm dates).
 *
 * ILLUSTRATIVE: the records are invented. They are built so that, counted on the bundled working-day calendar
 * (data/calendars/vn.yaml), each commune's measures equal the figures the example's evidence used to state by
 * hand — resolved, resolved early or on time, late without an apology, postal received and returned, dossiers
 * of procedures offered online at level 3–4 and those filed online — and the district totals of the 2021 report
 * (88 postal received, 70 returned, 138 online). Deterministic: the same seed gives the same bytes.
 *
 * Run: npx tsx scripts/generate-van-lam-dossiers.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { loadCalendar } from '../src/calendar/calendar.js';
import type { DueMoment, DueRule } from '../src/calendar/working-calendar.js';
import { dayFromIso, displayDate, displayTime, isoOf } from '../src/calendar/dates.js';
import { rng } from './rng.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cal = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'), { file: 'data/calendars/vn.yaml' });

/** The per-commune figures the records must reproduce (from the example's evidence before records existed). */
const UNITS: {
  id: string;
  name: string;
  code: string;
  resolved: number;
  inTime: number;
  lateNoApology: number;
  postalIn: number;
  postalOut: number;
  eligible: number;
  online: number;
}[] = [
  {
    id: 'chi-dao',
    name: 'UBND xã Chỉ Đạo',
    code: 'CD',
    resolved: 512,
    inTime: 489,
    lateNoApology: 3,
    postalIn: 0,
    postalOut: 0,
    eligible: 40,
    online: 9,
  },
  {
    id: 'dai-dong',
    name: 'UBND xã Đại Đồng',
    code: 'DD',
    resolved: 905,
    inTime: 897,
    lateNoApology: 0,
    postalIn: 12,
    postalOut: 10,
    eligible: 45,
    online: 18,
  },
  {
    id: 'dinh-du',
    name: 'UBND xã Đình Dù',
    code: 'DDU',
    resolved: 455,
    inTime: 446,
    lateNoApology: 0,
    postalIn: 8,
    postalOut: 6,
    eligible: 36,
    online: 12,
  },
  {
    id: 'lac-dao',
    name: 'UBND xã Lạc Đạo',
    code: 'LD',
    resolved: 780,
    inTime: 768,
    lateNoApology: 0,
    postalIn: 9,
    postalOut: 8,
    eligible: 52,
    online: 15,
  },
  {
    id: 'lac-hong',
    name: 'UBND xã Lạc Hồng',
    code: 'LH',
    resolved: 498,
    inTime: 490,
    lateNoApology: 0,
    postalIn: 8,
    postalOut: 7,
    eligible: 30,
    online: 11,
  },
  {
    id: 'luong-tai',
    name: 'UBND xã Lương Tài',
    code: 'LT',
    resolved: 530,
    inTime: 512,
    lateNoApology: 1,
    postalIn: 7,
    postalOut: 5,
    eligible: 35,
    online: 10,
  },
  {
    id: 'minh-hai',
    name: 'UBND xã Minh Hải',
    code: 'MH',
    resolved: 470,
    inTime: 452,
    lateNoApology: 2,
    postalIn: 5,
    postalOut: 4,
    eligible: 41,
    online: 8,
  },
  {
    id: 'nhu-quynh',
    name: 'UBND thị trấn Như Quỳnh',
    code: 'NQ',
    resolved: 1460,
    inTime: 1452,
    lateNoApology: 0,
    postalIn: 22,
    postalOut: 18,
    eligible: 86,
    online: 28,
  },
  {
    id: 'tan-quang',
    name: 'UBND xã Tân Quang',
    code: 'TQ',
    resolved: 440,
    inTime: 405,
    lateNoApology: 2,
    postalIn: 7,
    postalOut: 5,
    eligible: 38,
    online: 9,
  },
  {
    id: 'trung-trac',
    name: 'UBND xã Trưng Trắc',
    code: 'TT',
    resolved: 430,
    inTime: 410,
    lateNoApology: 1,
    postalIn: 4,
    postalOut: 3,
    eligible: 33,
    online: 7,
  },
  {
    id: 'viet-hung',
    name: 'UBND xã Việt Hưng',
    code: 'VH',
    resolved: 610,
    inTime: 594,
    lateNoApology: 1,
    postalIn: 6,
    postalOut: 4,
    eligible: 44,
    online: 11,
  },
];

/** An illustrative catalogue of commune procedures (codes invented; times as shortened in 2021). */
const PROCS = {
  eligible: [
    {
      code: 'MH.HT.01',
      name: 'Đăng ký khai sinh',
      field: 'Hộ tịch',
      mode: 'Mức độ 3',
      time: 'Trong ngày',
      rule: { kind: 'same-day' } as DueRule,
    },
    {
      code: 'MH.HT.02',
      name: 'Đăng ký kết hôn',
      field: 'Hộ tịch',
      mode: 'Mức độ 3',
      time: '3 ngày',
      rule: { kind: 'days', days: 3 } as DueRule,
    },
    {
      code: 'MH.HT.04',
      name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      field: 'Hộ tịch',
      mode: 'Mức độ 4',
      time: '3 ngày',
      rule: { kind: 'days', days: 3 } as DueRule,
    },
    {
      code: 'MH.HT.05',
      name: 'Cấp bản sao trích lục hộ tịch',
      field: 'Hộ tịch',
      mode: 'Mức độ 4',
      time: 'Trong ngày',
      rule: { kind: 'same-day' } as DueRule,
    },
  ],
  other: [
    {
      code: 'MH.CT.01',
      name: 'Chứng thực bản sao từ bản chính',
      field: 'Chứng thực',
      mode: 'Mức độ 2',
      time: '1 giờ',
      rule: { kind: 'hours', hours: 1 } as DueRule,
      weight: 6,
    },
    {
      code: 'MH.CT.02',
      name: 'Chứng thực chữ ký',
      field: 'Chứng thực',
      mode: 'Mức độ 2',
      time: 'Trong ngày',
      rule: { kind: 'same-day' } as DueRule,
      weight: 2,
    },
    {
      code: 'MH.CT.03',
      name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản',
      field: 'Chứng thực',
      mode: 'Mức độ 2',
      time: '2 ngày',
      rule: { kind: 'days', days: 2 } as DueRule,
      weight: 1,
    },
    {
      code: 'MH.HT.03',
      name: 'Đăng ký khai tử',
      field: 'Hộ tịch',
      mode: 'Mức độ 2',
      time: 'Trong ngày',
      rule: { kind: 'same-day' } as DueRule,
      weight: 1,
    },
    {
      code: 'MH.LĐ.01',
      name: 'Xác nhận hồ sơ đề nghị hưởng trợ cấp xã hội',
      field: 'Bảo trợ xã hội',
      mode: 'Mức độ 2',
      time: '5 ngày',
      rule: { kind: 'days', days: 5 } as DueRule,
      weight: 1,
    },
    {
      code: 'MH.ĐĐ.01',
      name: 'Hòa giải tranh chấp đất đai',
      field: 'Đất đai',
      mode: 'Mức độ 2',
      time: '10 ngày',
      rule: { kind: 'days', days: 10 } as DueRule,
      weight: 1,
    },
  ],
};

const r = rng(20211215);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
const weighted = PROCS.other.flatMap((p) => Array<typeof p>(p.weight).fill(p));

const FROM = dayFromIso('2020-12-15')!;
const TO = dayFromIso('2021-12-15')!;
const fmt = (m: DueMoment) => (m.minute === undefined ? displayDate(m.day) : `${displayDate(m.day)} ${displayTime(m.minute)}`);
/** A working day in [a, b]. */
function workingDay(a: number, b: number): number {
  for (;;) {
    const d = int(a, b);
    if (cal.fast.isWorkingDay(d)) return d;
  }
}
/** A time during office hours, before the same-day cut-off most of the time. */
const officeMinute = () => pick([int(450, 690), int(450, 690), int(810, 900), int(810, 1040)]);

type Kind = 'early' | 'on-time' | 'late';
const rows: string[][] = [];
const HEADER = [
  'Mã hồ sơ',
  'Mã thủ tục',
  'Tên thủ tục',
  'Lĩnh vực',
  'Mức độ DVC',
  'Hình thức nộp',
  'Ngày tiếp nhận',
  'Thời hạn giải quyết',
  'Ngày hẹn trả',
  'Ngày có kết quả',
  'Trả kết quả qua bưu chính',
  'Trạng thái',
  'Thư xin lỗi',
  'Đơn vị tiếp nhận',
];

for (const u of UNITS) {
  let seq = 0;
  const id = (day: number) => `VL.${u.code}.${isoOf(day).slice(2).replace(/-/g, '')}.${String(++seq).padStart(4, '0')}`;
  // Which resolved dossiers are late, eligible (level 3–4), online, postal, returned by post.
  const late = u.resolved - u.inTime;
  const slots = shuffle(Array.from({ length: u.resolved }, (_, i) => i));
  // A few resolved dossiers were received before the period (1–14/12/2020); never eligible/online/postal.
  const before = new Set(slots.slice(0, Math.max(2, Math.floor(u.resolved * 0.01))));
  const pool = slots.filter((i) => !before.has(i));
  const eligible = new Set(pool.slice(0, u.eligible));
  const online = new Set(pool.slice(0, u.online));
  const postal = new Set(pool.slice(u.eligible, u.eligible + u.postalIn));
  const postalOut = new Set(pool.slice(u.eligible, u.eligible + u.postalOut));
  const lateSet = new Set(shuffle([...slots]).slice(0, late));
  const lateList = [...lateSet];
  const noApology = new Set(lateList.slice(0, u.lateNoApology));
  for (let i = 0; i < u.resolved; i++) {
    // Dossiers received before the period are long ones (land mediation), so their result falls inside it.
    const proc = eligible.has(i) ? pick(PROCS.eligible) : before.has(i) ? PROCS.other[PROCS.other.length - 1]! : pick(weighted);
    const kind: Kind = lateSet.has(i) ? 'late' : r() < 0.35 && proc.rule.kind === 'days' ? 'early' : 'on-time';
    // Received early enough that even a late result falls inside the period.
    let received: DueMoment;
    let due: DueMoment;
    let resolved: DueMoment;
    for (;;) {
      const day = before.has(i) ? workingDay(dayFromIso('2020-12-01')!, FROM - 1) : workingDay(FROM, TO - 25);
      received = { day, minute: officeMinute() };
      due = cal.due(received, proc.rule);
      if (kind === 'early' && due.day <= received.day) continue;
      if (kind === 'on-time') {
        const lo = due.day === received.day ? received.minute! + 5 : 450;
        const hi = due.minute ?? 1040;
        resolved = { day: due.day, minute: Math.min(hi, Math.max(lo, hi - int(0, 40))) };
      } else if (kind === 'early') {
        resolved = { day: workingDay(received.day, due.day - 1), minute: int(480, 1000) };
        if (resolved.day === received.day) resolved = { day: resolved.day, minute: Math.max(resolved.minute!, received.minute! + 10) };
      } else {
        resolved = { day: cal.fast.addWorkingDays(due.day, int(1, 4))!, minute: int(480, 1000) };
      }
      if (resolved.day >= FROM && resolved.day <= TO) break;
    }
    const channel = online.has(i) ? 'Trực tuyến' : postal.has(i) ? 'Bưu chính công ích' : 'Trực tiếp';
    rows.push([
      id(received.day),
      proc.code,
      proc.name,
      proc.field,
      proc.mode,
      channel,
      fmt(received),
      proc.time,
      fmt(due),
      fmt(resolved),
      postalOut.has(i) ? 'Có' : '',
      'Đã giải quyết',
      kind === 'late' ? (noApology.has(i) ? 'Không' : 'Có') : '',
      u.name,
    ]);
  }
  // Dossiers still in process on 15/12/2021, and a few withdrawn or refused (direct, level 2: they change no
  // measure the example reads).
  const extra = Math.max(3, Math.floor(u.resolved * 0.02));
  for (let k = 0; k < extra; k++) {
    const proc = pick(PROCS.other.filter((p) => p.rule.kind === 'days'));
    const status = k % 5 === 3 ? 'Rút hồ sơ' : k % 5 === 4 ? 'Trả lại hồ sơ' : 'Đang xử lý';
    const day = status === 'Đang xử lý' ? workingDay(TO - 12, TO) : workingDay(FROM, TO - 30);
    const received = { day, minute: officeMinute() };
    const due = cal.due(received, proc.rule);
    const closed = status === 'Đang xử lý' ? '' : fmt({ day: cal.fast.addWorkingDays(received.day, 1)!, minute: int(480, 1000) });
    rows.push([
      id(day),
      proc.code,
      proc.name,
      proc.field,
      proc.mode,
      'Trực tiếp',
      fmt(received),
      proc.time,
      fmt(due),
      closed,
      '',
      status,
      '',
      u.name,
    ]);
  }
}
// The export lists dossiers by date received, as one-stop systems do.
rows.sort((a, b) => {
  const k = (s: string) => s.slice(6, 10) + s.slice(3, 5) + s.slice(0, 2) + s.slice(11);
  return k(a[6]!) < k(b[6]!) ? -1 : k(a[6]!) > k(b[6]!) ? 1 : a[0]! < b[0]! ? -1 : 1;
});
const csv = Papa.unparse({ fields: HEADER, data: rows }, { newline: '\n' });
writeFileSync(`${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.csv`, `${csv}\n`, 'utf8');
console.log(`${rows.length} dossier records written to fixtures/van-lam-2021/ho-so-mot-cua-2021.csv`);
