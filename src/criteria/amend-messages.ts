/**
 * A declared change of an amendment in words, in English and Vietnamese: the prefix of every message about it.
 * @module
 */
import type { Text } from '../core/text.js';
import type { Change } from './changes.js';

/**
 * The change in words.
 *
 * @example describeChange({ op: 'remove', id: '10.2' }) // { en: 'remove 10.2', vi: 'bỏ 10.2' }
 */
export function describeChange(ch: Change): Text {
  const top = { en: 'the top level', vi: 'cấp lĩnh vực' };
  const under = (p: string | null | undefined) => (p === null || p === undefined ? top : { en: p, vi: p });
  const keys = (s: Record<string, unknown>) => Object.keys(s).join(', ');
  switch (ch.op) {
    case 'add':
      return { en: `add ${ch.node.id} under ${under(ch.parent).en}`, vi: `thêm ${ch.node.id} vào ${under(ch.parent).vi}` };
    case 'remove':
      return { en: `remove ${ch.id}`, vi: `bỏ ${ch.id}` };
    case 'move': {
      const to = ch.parent === undefined ? { en: 'its parent', vi: 'tiêu chí cha hiện tại' } : under(ch.parent);
      return {
        en: `move ${ch.id} under ${to.en}${ch.newId ? ` as ${ch.newId}` : ''}`,
        vi: `chuyển ${ch.id} vào ${to.vi}${ch.newId ? ` thành ${ch.newId}` : ''}`,
      };
    }
    case 'points':
      return { en: `max of ${ch.id} → ${ch.max}`, vi: `điểm tối đa của ${ch.id} → ${String(ch.max).replace('.', ',')}` };
    case 'rule':
      return ch.rule
        ? { en: `new rule of ${ch.id} (${ch.rule.kind})`, vi: `quy tắc mới của ${ch.id} (${ch.rule.kind})` }
        : { en: `rule of ${ch.id}: ${keys(ch.set ?? {})}`, vi: `quy tắc của ${ch.id}: ${keys(ch.set ?? {})}` };
    case 'node':
      return { en: `${keys(ch.set)} of ${ch.id}`, vi: `${keys(ch.set)} của ${ch.id}` };
    case 'meta':
      return { en: `set ${keys(ch.set)}`, vi: `sửa ${keys(ch.set)}` };
    case 'rounding':
      return { en: `rounding: ${keys(ch.set)}`, vi: `làm tròn: ${keys(ch.set)}` };
    case 'ranking':
      return { en: `ranking: ${keys(ch.set)}`, vi: `xếp hạng: ${keys(ch.set)}` };
    case 'band':
      return { en: `band level ${ch.id}: ${keys(ch.set)}`, vi: `mức xếp loại ${ch.id}: ${keys(ch.set)}` };
    case 'bands':
      return ch.bands === null ? { en: 'remove the bands', vi: 'bỏ xếp loại' } : { en: 'replace the bands', vi: 'thay bảng xếp loại' };
    case 'measure':
      return ch.decl === null
        ? { en: `remove measure ${ch.id}`, vi: `bỏ chỉ số ${ch.id}` }
        : { en: `declare measure ${ch.id}`, vi: `khai báo chỉ số ${ch.id}` };
    case 'survey':
      return ch.decl === null
        ? { en: `remove survey index ${ch.id}`, vi: `bỏ chỉ số khảo sát ${ch.id}` }
        : { en: `declare survey index ${ch.id}`, vi: `khai báo chỉ số khảo sát ${ch.id}` };
  }
}
