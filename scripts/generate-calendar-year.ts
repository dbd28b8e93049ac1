/**
 * Prints a calendar year's block from the Labour Code alone, for a year the Government has not yet decided:
 * the holidays of the file's `statutory:` section (lunar ones placed by src/calendar/lunar.ts) and the
 * compensatory days of Điều 111 khoản 3; the year is `provisional: true`, and so is each entry resting on a
 * placement assumption (the Tết days, the second National Day). Paste it under `years:` and replace
 * entries as the year's documents come out (docs/calendar.md).
 *
 *   npx tsx scripts/generate-calendar-year.ts 2028 [data/calendars/vn.yaml]
 */
import { readFileSync } from 'node:fs';
import { statutoryDaysOff } from '../src/calendar/calendar.js';
import { ParIndexError, formatIssue } from '../src/core/errors.js';

const [yearArg, path = 'data/calendars/vn.yaml'] = process.argv.slice(2);
const year = Number(yearArg);
if (!Number.isInteger(year) || year < 1901 || year > 2199) {
  console.error('usage: npx tsx scripts/generate-calendar-year.ts YEAR [calendar.yaml]');
  process.exit(2);
}

try {
  const entries = statutoryDaysOff(readFileSync(path, 'utf8'), year, { file: path });
  const lines = [
    `  ${year}:`,
    '    provisional: true',
    `    source: ${JSON.stringify(`${entries[0]?.source ?? 'statutory rules'}; viết bằng scripts/generate-calendar-year.ts`)}`,
    '    daysOff:',
    ...entries.map((e) => {
      const at = e.date !== undefined ? `date: ${e.date}` : `from: ${e.from}, to: ${e.to}`;
      const note = e.note !== undefined ? `, note: ${JSON.stringify(e.note)}` : '';
      return `      - { ${at}, name: ${JSON.stringify(e.name)}, kind: ${e.kind}${e.assumed ? ', provisional: true' : ''}${note} }`;
    }),
    '    workdays: []',
  ];
  console.log(lines.join('\n'));
} catch (e) {
  if (e instanceof ParIndexError) {
    for (const i of e.issues) console.error(formatIssue(i, 'en'));
    process.exit(2);
  }
  throw e;
}
