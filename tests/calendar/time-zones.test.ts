/**
 * Timestamps with a zone (Z, +hh:mm) are read in Vietnam time (UTC+7) before their day and time of day are
 * used: 2021-03-01T20:00:00Z is 03:00 on 2 March in Vietnam, not 20:00 on 1 March.
 */
import { describe, expect, it } from 'vitest';
import { dayFromIso, isDateValue, parseDateTime } from '../../src/calendar/dates.js';

const at = (s: string) => {
  const v = parseDateTime(s);
  if (!isDateValue(v)) throw new Error(v.en);
  return { day: v.day, minute: v.minute };
};

describe('timestamps with a zone', () => {
  it('converts UTC to Vietnam time, across midnight', () => {
    expect(at('2021-03-01T20:00:00Z')).toEqual({ day: dayFromIso('2021-03-02'), minute: 3 * 60 });
    expect(at('2021-03-01T20:00:00.123Z')).toEqual({ day: dayFromIso('2021-03-02'), minute: 3 * 60 });
    expect(at('2021-12-31T17:00Z')).toEqual({ day: dayFromIso('2022-01-01'), minute: 0 });
  });
  it('converts any offset; +07:00 is already Vietnam time', () => {
    expect(at('2021-03-01T20:00:00+07:00')).toEqual({ day: dayFromIso('2021-03-01'), minute: 20 * 60 });
    expect(at('2021-03-01T08:00:00-05:00')).toEqual({ day: dayFromIso('2021-03-01'), minute: 20 * 60 });
    expect(at('2021-03-01T01:30:00+0900')).toEqual({ day: dayFromIso('2021-02-28'), minute: 23 * 60 + 30 });
  });
  it('leaves a time without a zone as written (local time)', () => {
    expect(at('2021-03-01T20:00:00')).toEqual({ day: dayFromIso('2021-03-01'), minute: 20 * 60 });
    expect(at('01/03/2021 20:00')).toEqual({ day: dayFromIso('2021-03-01'), minute: 20 * 60 });
  });
  it('refuses an offset that is not one', () => {
    expect(isDateValue(parseDateTime('2021-03-01T20:00:00+25:00'))).toBe(false);
  });
});
