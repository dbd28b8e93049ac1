/** Numbers read as their source writes them (issue 20, item 4): declared formats, ambiguous forms refused. */
import { describe, expect, it } from 'vitest';
import { NUMBER_FORMATS, NumberFormatSchema, readNumber } from '../../src/core/numbers.js';

const value = (t: string, f?: keyof typeof NUMBER_FORMATS) => {
  const r = readNumber(t, f ? NUMBER_FORMATS[f] : undefined);
  return r.ok ? r.value.toNumber() : r.ambiguous ? 'ambiguous' : 'not a number';
};

describe('readNumber', () => {
  it('without a declaration: unambiguous forms are read, 12.000 and 1,5 are refused as ambiguous', () => {
    expect(value('12')).toBe(12);
    expect(value('12.5')).toBe(12.5);
    expect(value('97.70')).toBe(97.7);
    expect(value('0.125')).toBe(0.125);
    expect(value('1234.567')).toBe(1234.567);
    expect(value('12.000')).toBe('ambiguous');
    expect(value('1,5')).toBe('ambiguous');
    expect(value('1.234.567')).toBe('ambiguous');
    expect(value('nhiều')).toBe('not a number');
    const r = readNumber('12.000');
    expect(!r.ok && r.reason.en).toMatch(/12\.000 with a decimal point, or 12000 with a thousands point; declare .*numbers: vi/);
    expect(!r.ok && r.reason.vi).toMatch(/không rõ nghĩa: 12,000 .* hay 12000/);
  });
  it('vi: 1.234,5; en: 1,234.5; a form of the other format is not a number', () => {
    expect(value('12.000', 'vi')).toBe(12000);
    expect(value('1.234,5', 'vi')).toBe(1234.5);
    expect(value('1,5', 'vi')).toBe(1.5);
    expect(value('12.000', 'en')).toBe(12);
    expect(value('1,234.5', 'en')).toBe(1234.5);
    expect(value('1,5', 'en')).toBe('not a number');
    expect(value('12.00', 'vi')).toBe('not a number');
    const r = readNumber('1,5', NUMBER_FORMATS.en);
    expect(!r.ok && r.reason.en).toMatch(/declared: 1,234\.5/);
  });
  it('a descriptor declares vi, en or its own marks', () => {
    expect(NumberFormatSchema.parse('vi')).toEqual({ decimal: ',', thousands: '.' });
    expect(NumberFormatSchema.parse({ decimal: ',', thousands: ' ' })).toEqual({ decimal: ',', thousands: ' ' });
    expect(NumberFormatSchema.safeParse({ decimal: ',', thousands: ',' }).success).toBe(false);
    expect(readNumber('1 234,5', NumberFormatSchema.parse({ decimal: ',', thousands: ' ' }))).toMatchObject({ ok: true });
  });
});
