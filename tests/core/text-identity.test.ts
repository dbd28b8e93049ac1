/**
 * Text identity (issue 20, item 3): every text read is composed (NFC), so a name written decomposed (NFD) by the
 * program that saved the file equals the same name typed; invisible characters in ids and names are refused.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/document.js';
import { parseCsv, CsvChunkParser } from '../../src/core/table.js';
import { invisibleChar, nfc, nfcDeep, showInvisible } from '../../src/core/text.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { root } from '../support/paths.js';
import { readFileSync } from 'node:fs';
import { fromZodIssues, Name } from '../../src/core/zod-helpers.js';

const NFD = (s: string) => s.normalize('NFD');

describe('NFC at every text boundary', () => {
  it('parseCsv composes headers and cells written in NFD', () => {
    const t = parseCsv(NFD('Mã hồ sơ;Đơn vị tiếp nhận\nHS1;UBND xã Tân Hòa\n'));
    expect(t.header).toEqual(['Mã hồ sơ', 'Đơn vị tiếp nhận']);
    expect(t.rows[0]!.cells).toEqual(['HS1', 'UBND xã Tân Hòa']);
  });
  it('the streamed CSV parser composes a name split between two pieces', () => {
    const text = NFD('ma,don vi\n1,Tân Hòa\n');
    const cut = text.indexOf('o') + 1; // between "o" and its combining grave accent
    const p = new CsvChunkParser({ delimiter: ',', newline: '\n' });
    const rows = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()];
    expect(rows[0]!.cells[1]).toBe('Tân Hòa');
  });
  it('parseText composes YAML keys and values', () => {
    expect(parseText(NFD('units: { "UBND xã Tân Hòa": tan-hoa }'))).toEqual({ units: { 'UBND xã Tân Hòa': 'tan-hoa' } });
  });
  it('nfcDeep composes keys and values of parsed data, copying only what changes and never the input', () => {
    const input = { a: [NFD('Hòa'), 'x', { [NFD('Tân')]: 1 }], b: { c: 'ascii' }, d: 2, e: null };
    const before = JSON.stringify(input);
    const out = nfcDeep(input) as typeof input;
    expect(out).toEqual({ a: ['Hòa', 'x', { Tân: 1 }], b: { c: 'ascii' }, d: 2, e: null });
    expect(JSON.stringify(input)).toBe(before);
    expect(out.b).toBe(input.b);
    const plain = { a: ['x'], b: { c: 'Hòa' } };
    expect(nfcDeep(plain)).toBe(plain);
  });
  it('evidence and questionnaires passed as parsed objects are composed as their text would be', () => {
    const data = { format: 'par-index/evidence@1', year: 2021, source: 'Thử', units: [{ id: 'tan-hoa', name: NFD('Tân Hòa') }] };
    const ev = loadEvidence({ data });
    expect(ev.units[0]!.name).toBe('Tân Hòa');
    expect(data.units[0]!.name).toBe(NFD('Tân Hòa'));
    const text = readFileSync(`${root}questionnaires/van-lam-commune-2021.yaml`, 'utf8');
    const fromObject = loadQuestionnaire(
      JSON.parse(
        JSON.stringify(parseText(NFD(text), { file: 'q.yaml' }), (_k, v: unknown) => (typeof v === 'string' ? NFD(v) : v)),
      ) as unknown,
    );
    expect(fromObject.title).toBe(loadQuestionnaire(text).title);
    expect(fromObject.hash).toBe(loadQuestionnaire(text).hash);
  });
  it('nfc leaves ASCII alone and composes the rest', () => {
    expect(nfc('abc')).toBe('abc');
    expect(nfc(NFD('Hòa'))).toBe('Hòa');
    expect(NFD('Hòa')).not.toBe('Hòa');
  });
});

describe('invisible characters', () => {
  it.each([
    ['\u200b', 'U+200B'],
    ['\u200c', 'U+200C'],
    ['\u200d', 'U+200D'],
    ['\ufeff', 'U+FEFF'],
    ['\u00ad', 'U+00AD'],
  ])('finds %j and names it', (ch, code) => {
    expect(invisibleChar(`Tân${ch}Hòa`)).toEqual({ index: 3, code });
    expect(showInvisible(`Tân${ch}Hòa`)).toBe(`Tân⟨${code}⟩Hòa`);
  });
  it('a name with one is refused (text.invisible-char), in both languages', () => {
    const r = Name.safeParse('Xã\u200bAn');
    expect(r.success).toBe(false);
    const [i] = fromZodIssues(r.error!.issues, 'x.yaml', ['units', 0, 'name']);
    expect(i).toMatchObject({ code: 'text.invisible-char', file: 'x.yaml', path: ['units', 0, 'name'] });
    expect(i!.message).toContain('U+200B');
    expect(i!.messageVi).toContain('ký tự ẩn U+200B');
    expect(Name.safeParse('Xã An').success).toBe(true);
  });
});
