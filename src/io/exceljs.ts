/**
 * exceljs, loaded the first time an XLSX file is read or written: it takes about a quarter of a second to load,
 * which a run that only reads CSV exports (most `dossiers` and `score` runs) should not pay.
 * @module
 */
import type ExcelJS from 'exceljs';
import { loadOptional } from './optional.js';

let loaded: Promise<typeof ExcelJS> | undefined;

/** The exceljs module (loaded once). */
export function excel(): Promise<typeof ExcelJS> {
  loaded ??= loadOptional(
    ['exceljs'],
    { en: 'Reading or writing XLSX workbooks', vi: 'Đọc hoặc ghi tệp XLSX' },
    () => import('exceljs'),
  ).then((m) => (m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS));
  // A failed load is not kept: installing the package and trying again in the same process works.
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
