/** "Did you mean …": folding ranks suggestions only; names stay exact. */
import { describe, expect, it } from 'vitest';
import { didYouMean, foldName, suggestNames } from '../../src/core/suggest.js';

describe('suggestNames', () => {
  it('finds a name typed with the wrong case first', () => {
    expect(suggestNames('hoso.dunghan', ['hoso.tong', 'hoso.dungHan', 'hoso.treHan'])).toEqual(['hoso.dungHan']);
  });
  it('folds Vietnamese diacritics and đ', () => {
    expect(foldName('Kế hoạch Đúng hạn')).toBe('ke hoach dung han');
    expect(suggestNames('ke-hoạch', ['ke-hoach', 'bao-cao'])).toEqual(['ke-hoach']);
  });
  it('finds one-character typos and transpositions, nearest first; nothing for far names', () => {
    expect(suggestNames('dossiers.onTmie', ['dossiers.onTime', 'dossiers.resolved'])).toEqual(['dossiers.onTime']);
    expect(suggestNames('1.3', ['1.1', '1.2', '2.1.1'])).toEqual(['1.1', '1.2']);
    expect(suggestNames('totally-else', ['dossiers.onTime'])).toEqual([]);
  });
  it('writes the tail of a message in both languages', () => {
    expect(didYouMean(['a', 'b'])).toEqual({ en: '; did you mean "a" or "b"?', vi: '; có phải là "a" hay "b"?' });
    expect(didYouMean([])).toEqual({ en: '', vi: '' });
  });
});
