// Generates the illustrative survey responses of the Văn Lâm example (fixtures/van-lam-2021/survey/):
// one row per respondent, a column per item of questionnaires/van-lam-commune-2021.yaml.
//
// ILLUSTRATIVE DATA. The counts are chosen so that each commune's computed indices equal, exactly, the values
// the worked example scores with (criteria/examples/van-lam-commune-2021.yaml reads `sipas` and
// `sipas-cong-chuc`): with 25 satisfaction items and n respondents, an overall index of 84.6 % needs
// 0.846 × 25n satisfied answers, and a factor of 5 items at 86.2 % needs 0.862 × 5n — whole numbers when n is a
// multiple of 200. Which respondent gave which answer is drawn from a seeded generator, so the file is the same
// on every run. Run: node scripts/generate-van-lam-survey.mjs (writes the CSV), or import { generate }.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rng } from './rng.mjs';

/** Targets: the values the example's evidence held before the survey source replaced them, and n. */
export const TARGETS = [
  { unit: 'chi-dao', sipas: 84.6, congChuc: 86.2, n: 200 },
  { unit: 'dai-dong', sipas: 89.8, congChuc: 92, n: 200 },
  { unit: 'dinh-du', sipas: 88.1, congChuc: 89.2, n: 200 },
  { unit: 'lac-dao', sipas: 90.2, congChuc: 90.5, n: 200 },
  { unit: 'lac-hong', sipas: 89.4, congChuc: 88.7, n: 200 },
  { unit: 'luong-tai', sipas: 86.3, congChuc: 85, n: 200 },
  { unit: 'minh-hai', sipas: 85.2, congChuc: 84.1, n: 200 },
  { unit: 'nhu-quynh', sipas: 90.1, congChuc: 93.1, n: 400 },
  { unit: 'tan-quang', sipas: 82.5, congChuc: 79.4, n: 200 },
  { unit: 'trung-trac', sipas: 84, congChuc: 83.2, n: 200 },
  { unit: 'viet-hung', sipas: 87.5, congChuc: 86.4, n: 200 },
];

const FACTORS = ['1', '2', '3', '4', '5'];
const CONG_CHUC = '3';
const ITEMS = FACTORS.flatMap((f) => [1, 2, 3, 4, 5].map((k) => `${f}.${k}`));
const EXPECT = ['md1', 'md2', 'md3', 'md4', 'md5'];

/** Splits `total` into `parts` whole numbers, each in [0, cap], varying around the mean. */
function split(total, parts, cap, rand) {
  const out = new Array(parts).fill(Math.floor(total / parts));
  let rest = total - out.reduce((s, x) => s + x, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts) {
    if (out[i] < cap) {
      out[i]++;
      rest--;
    }
  }
  // Move a few answers between parts so the items are not all equal; totals stay exact.
  for (let k = 0; k < parts * 3; k++) {
    const a = Math.floor(rand() * parts);
    const b = Math.floor(rand() * parts);
    const d = 1 + Math.floor(rand() * 3);
    if (a !== b && out[a] - d >= 0 && out[b] + d <= cap) {
      out[a] -= d;
      out[b] += d;
    }
  }
  return out;
}

function shuffle(xs, rand) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Whole number from a decimal target without float noise: 84.6 % of 5000 = 4230. */
function share(pct, base) {
  const v = Math.round(pct * 10) * base;
  if (v % 1000 !== 0) throw new Error(`${pct} % of ${base} is not a whole number`);
  return v / 1000;
}

/** The CSV text (header and one row per respondent, communes in order). */
export function generate(seed = 2021) {
  const rand = rng(seed);
  const lines = [['phieu', 'xa', ...ITEMS, ...EXPECT].join(',')];
  let id = 0;
  for (const t of TARGETS) {
    const n = t.n;
    const total = share(t.sipas, 25 * n);
    const cc = share(t.congChuc, 5 * n);
    const perFactor = split(total - cc, 4, 5 * n, rand);
    const satisfied = {};
    let k = 0;
    for (const f of FACTORS) {
      const sum = f === CONG_CHUC ? cc : perFactor[k++];
      split(sum, 5, n, rand).forEach((s, i) => (satisfied[`${f}.${i + 1}`] = s));
    }
    const answers = Array.from({ length: n }, () => ({}));
    for (const item of ITEMS) {
      const who = shuffle([...Array(n).keys()], rand);
      who.forEach((r, i) => {
        // Satisfied: 4 or 5; not satisfied: mostly 3, sometimes 2, rarely 1.
        const u = rand();
        answers[r][item] = i < satisfied[item] ? (u < 0.62 ? 4 : 5) : u < 0.7 ? 3 : u < 0.95 ? 2 : 1;
      });
    }
    for (const a of answers) {
      id++;
      // Expectations: chosen more often where the commune does worse; about 4 % leave them blank.
      const blank = rand() < 0.04;
      const exp = EXPECT.map((_, i) =>
        blank ? '' : rand() < 0.12 + (100 - t.sipas) / 100 + (i === 2 ? (100 - t.congChuc) / 200 : 0) ? 1 : 0,
      );
      lines.push([`VL21-${String(id).padStart(4, '0')}`, t.unit, ...ITEMS.map((it) => a[it]), ...exp].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

const invoked = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invoked) {
  const dir = fileURLToPath(new URL('../fixtures/van-lam-2021/survey/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}responses-2021.csv`, generate());
  console.log(`wrote ${dir}responses-2021.csv`);
}
