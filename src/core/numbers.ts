/**
 * Numbers as a table source writes them (định dạng số): Vietnamese tables write `1.234,5` (a point groups
 * thousands, a comma marks decimals), English ones `1,234.5`. A source declares its format; without one, a form
 * that reads differently under the two (`12.000`, `1,5`) is refused with the reason, never guessed.
 * @module
 */
import { z } from 'zod';
import { Exact } from './exact.js';
import type { Text } from './text.js';

/**
 * How a source writes numbers: the decimal mark and the thousands separator (`none`: no grouping).
 *
 * @example const vi: NumberFormat = { decimal: ',', thousands: '.' }
 */
export interface NumberFormat {
  /** The decimal mark. */
  readonly decimal: '.' | ',';
  /** The thousands separator; `none` when numbers are never grouped. */
  readonly thousands: '.' | ',' | ' ' | 'none';
}

/**
 * The named number formats: `vi` = `1.234,5`, `en` = `1,234.5`.
 *
 * @example NUMBER_FORMATS.vi // { decimal: ',', thousands: '.' }
 */
export const NUMBER_FORMATS: Readonly<Record<'vi' | 'en', NumberFormat>> = {
  vi: { decimal: ',', thousands: '.' },
  en: { decimal: '.', thousands: ',' },
};

/**
 * A declared number format in a descriptor: `vi`, `en`, or `{ decimal, thousands }`. Output: a {@link NumberFormat}.
 *
 * @example NumberFormatSchema.parse('vi') // { decimal: ',', thousands: '.' }
 */
export const NumberFormatSchema = z.union([
  z.enum(['vi', 'en']).transform((k): NumberFormat => NUMBER_FORMATS[k]),
  z
    .strictObject({
      /** The decimal mark: "." or ",". */
      decimal: z.enum(['.', ',']),
      /** The thousands separator: ".", ",", " " or none. */
      thousands: z.enum(['.', ',', ' ', 'none']),
    })
    .refine((f) => f.decimal !== f.thousands, { message: 'the decimal mark and the thousands separator must differ' }),
]);

/**
 * The format's own example, for messages.
 * @example numberFormatExample(NUMBER_FORMATS.vi) // "1.234,5"
 */
export function numberFormatExample(f: NumberFormat): string {
  const t = f.thousands === 'none' ? '' : f.thousands;
  return `1${t}234${f.decimal}5`;
}

/**
 * The result of reading a number cell: the value, or why it is not one (`ambiguous`: it reads differently
 * under the two formats, and none was declared).
 *
 * @example readNumber('12.000') // { ok: false, ambiguous: true, reason: { … } }
 */
export type NumberRead =
  { readonly ok: true; readonly value: Exact } | { readonly ok: false; readonly ambiguous: boolean; readonly reason: Text };

const DECLARE: Text = {
  en: "declare the table's number format in its descriptor (numbers: vi for 1.234,5, or numbers: en for 1,234.5)",
  vi: 'khai báo định dạng số của bảng trong tệp mô tả (numbers: vi cho 1.234,5, hoặc numbers: en cho 1,234.5)',
};

/**
 * Reads a number written as text (spaces around it ignored). With a declared format, only that format's forms
 * are numbers (groups of exactly three digits after a separator). Without one: digits (`1234`), a point decimal
 * no thousands grouping fits (`12.5`, `0.125`, `1234.567`) and exponent forms are read; a point followed by
 * exactly three digits after 1–3 leading digits (`12.000`: twelve, or twelve thousand?), any comma (`1,5`,
 * `1,500`) and any grouping are refused as ambiguous, naming both readings.
 *
 * @example readNumber('12.000', NUMBER_FORMATS.vi) // { ok: true, value: 12000 }
 */
export function readNumber(text: string, format?: NumberFormat): NumberRead {
  const t = text.trim();
  const notNumber = (why?: Text): NumberRead => ({
    ok: false,
    ambiguous: false,
    reason: why ?? { en: 'not a number', vi: 'không phải số' },
  });
  if (format === undefined) {
    if (/^[+-]?\d+([eE][+-]?\d+)?$/.test(t) || /^[+-]?(\d+\.\d+|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
      if (/^[+-]?[1-9]\d{0,2}\.\d{3}$/.test(t)) {
        const asThousands = t.replace('.', '');
        return {
          ok: false,
          ambiguous: true,
          reason: {
            en: `"${t}" is ambiguous: ${t.replace(/^[+-]/, '')} with a decimal point, or ${asThousands} with a thousands point; ${DECLARE.en}`,
            vi: `"${t}" không rõ nghĩa: ${t.replace('.', ',')} (dấu chấm thập phân) hay ${asThousands} (dấu chấm phân cách hàng nghìn); ${DECLARE.vi}`,
          },
        };
      }
      const e = Exact.parse(t);
      return e === undefined ? notNumber() : { ok: true, value: e };
    }
    if (/^[+-]?[\d.,\s]*\d[\d.,\s]*$/.test(t) && /[.,]/.test(t))
      return {
        ok: false,
        ambiguous: true,
        reason: {
          en: `"${t}" is ambiguous: a comma or a point may be the decimal mark or the thousands separator; ${DECLARE.en}`,
          vi: `"${t}" không rõ nghĩa: dấu phẩy hoặc dấu chấm có thể là dấu thập phân hoặc dấu phân cách hàng nghìn; ${DECLARE.vi}`,
        },
      };
    return notNumber();
  }
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const d = esc(format.decimal);
  const body =
    format.thousands === 'none'
      ? '\\d+'
      : `(?:\\d+|[1-9]\\d{0,2}(?:${format.thousands === ' ' ? '[ \\u00a0\\u202f]' : esc(format.thousands)}\\d{3})+)`;
  const m = new RegExp(`^([+-]?)(${body})(?:${d}(\\d+))?$`).exec(t);
  if (!m)
    return notNumber({
      en: `"${t}" is not a number as this table writes them (declared: ${numberFormatExample(format)})`,
      vi: `"${t}" không phải số theo định dạng đã khai báo của bảng (${numberFormatExample(format)})`,
    });
  const whole = m[2]!.replace(/\D/g, '');
  const e = Exact.parse(`${m[1]}${whole}${m[3] !== undefined ? `.${m[3]}` : ''}`);
  return e === undefined ? notNumber() : { ok: true, value: e };
}
