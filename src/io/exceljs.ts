/**
 * exceljs, loaded the first time an XLSX file is read or written: it takes about a quarter of a second to load,
 * which a run that only reads CSV exports (most `dossiers` and `score` runs) should not pay.
 * @module
 */
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

/** The exceljs module (loaded once). */
export function excel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)));
  return loaded;
}
