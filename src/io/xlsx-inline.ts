/**
 * Inline rich text in a sheet (`<is><r><t>Xã </t></r><r><rPr><b/></rPr><t>Tân Quang</t></r></is>`): exceljs's
 * streaming reader starts a new value at every `<t>` of a cell, so only the last run ("Tân Quang") was kept. Each
 * inline string is rewritten as one `<t>` holding its runs' text in order, phonetic runs (`<rPh>`) left out, as
 * Excel shows it.
 * @module
 */
import { issue, ParIndexError } from '../core/errors.js';

/** An inline string longer than this (as XML) is not a spreadsheet cell: Excel's own limit is 32,767 characters. */
const MAX_INLINE_XML = 1 << 20;

const OPEN = /<is(?:\s[^>]*)?>/g;
const CLOSE = '</is>';

/** One inline string element, rewritten with its runs' text joined (still XML-escaped: exceljs decodes it). */
function joinRuns(element: string): string {
  const inner = element.slice(element.indexOf('>') + 1, -CLOSE.length).replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const m of inner.matchAll(/<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += m[1] ?? '';
  return `<is><t xml:space="preserve">${text}</t></is>`;
}

/**
 * A sheet's XML text with every inline string's runs joined into one `<t>`. An inline string is held whole until
 * its end tag (at most {@link MAX_INLINE_XML} characters); everything else passes through as it comes.
 *
 * @example `for await (const s of joinInlineRuns(chunks, 'ho-so.xlsx')) parser.write(s)`
 */
export async function* joinInlineRuns(chunks: AsyncIterable<string>, file: string): AsyncGenerator<string> {
  let carry = '';
  let inside = false;
  for await (const chunk of chunks) {
    let s = carry + chunk;
    carry = '';
    let out = '';
    for (;;) {
      if (inside) {
        const end = s.indexOf(CLOSE);
        if (end < 0) {
          if (s.length > MAX_INLINE_XML) throw tooLong(file);
          carry = s;
          break;
        }
        out += joinRuns(s.slice(0, end + CLOSE.length));
        s = s.slice(end + CLOSE.length);
        inside = false;
        continue;
      }
      OPEN.lastIndex = 0;
      const m = OPEN.exec(s);
      if (m) {
        out += s.slice(0, m.index);
        s = s.slice(m.index);
        inside = true;
        continue;
      }
      // Hold back a tag cut at the end of the chunk: it may be the start of an inline string.
      const lt = s.lastIndexOf('<');
      const cut = lt >= 0 && s.indexOf('>', lt) < 0 ? lt : s.length;
      out += s.slice(0, cut);
      carry = s.slice(cut);
      break;
    }
    if (out !== '') yield out;
  }
  if (carry !== '') yield carry;
}

function tooLong(file: string): ParIndexError {
  return new ParIndexError([
    issue(
      'parse.xlsx',
      'error',
      [],
      `an inline text cell is over ${MAX_INLINE_XML} characters of XML: not a spreadsheet cell (Excel holds at most 32,767 characters)`,
      `một ô văn bản trực tiếp dài hơn ${MAX_INLINE_XML} ký tự XML: không phải ô bảng tính (Excel chứa tối đa 32.767 ký tự)`,
      { file },
    ),
  ]);
}
