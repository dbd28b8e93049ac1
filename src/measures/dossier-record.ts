/**
 * A dossier record as the parser gives it, the procedure catalogue entry it is checked against, and the row
 * issue that rejects a row or warns about it.
 * @module
 */
import { z } from 'zod';
import { ISSUE_CODES } from '../core/errors.js';
import type { DueMoment, DueRule } from '../calendar/working-calendar.js';
import type { Channel, DossierStatus, OnlineMode } from './vocabulary.js';

/**
 * What the procedure catalogue (danh mục TTHC) says of a procedure, filling what the export leaves out.
 * @example const p: ProcedureInfo = { code: '1.001193', field: 'Hộ tịch', mode: 'partial', time: { kind: 'same-day' } }
 */
export interface ProcedureInfo {
  /** The procedure's code in the national database (mã TTHC). */
  readonly code: string;
  /** Its name. */
  readonly name?: string | undefined;
  /** Its field (lĩnh vực). */
  readonly field?: string | undefined;
  /** How far it is offered online. */
  readonly mode?: OnlineMode | undefined;
  /** Its processing time (thời hạn giải quyết). */
  readonly time?: DueRule | undefined;
}

/**
 * A checked dossier record.
 * @example const r = parser.parse(row); if (r.ok) r.record.due // the due moment
 */
export interface DossierRecord {
  /** The dossier's id (mã hồ sơ). */
  readonly id: string;
  /** The row it came from (the header is row 1). */
  readonly row: number;
  /** Its procedure's code. */
  readonly procedureCode: string | undefined;
  /** Its procedure's field. */
  readonly field: string | undefined;
  /** How far the procedure is offered online. */
  readonly mode: OnlineMode | undefined;
  /** How it was filed: direct, online or by post. */
  readonly channel: Channel | undefined;
  /** When it was received. */
  readonly received: DueMoment;
  /** The due moment (from the export's due date, else computed on the calendar); undefined for withdrawn/returned without one. */
  readonly due: DueMoment | undefined;
  /** When it was resolved, if it was. */
  readonly resolved: DueMoment | undefined;
  /** Whether the result was returned by public postal service. */
  readonly returnedByPost: boolean;
  /** Its status. */
  readonly status: DossierStatus;
  /** Whether an apology letter was sent; undefined when the export has no such column. */
  readonly apology: boolean | undefined;
  /** The receiving unit as the export writes it, or the evidence unit id it maps to. */
  readonly unit: string;
}

/** A row issue as a summary keeps it, and as a summary read back from JSON must hold it. */
export const RowIssueSchema = z
  .object({
    /** The file, as shown in messages. */
    file: z.string().optional(),
    /** The row (the header is row 1). */
    row: z.number().int().min(0),
    /** The dossier's id, when it could be read. */
    id: z.string().optional(),
    /** The issue code. */
    code: z.enum(ISSUE_CODES),
    /** The column concerned. */
    column: z.string().optional(),
    /** The unit of a rejected row, when its unit cell could be read (the evidence unit id when units are mapped). */
    unit: z.string().optional(),
    /** The problem in English. */
    message: z.string(),
    /** The problem in Vietnamese. */
    messageVi: z.string(),
  })
  .readonly();

/**
 * A row that cannot be used, or a row used with a warning: where, what, why.
 * @example summary.rejected[0] // { row: 3, code: 'dossier.bad-date', message: 'row 3 (A2): …', … }
 * @interface
 */
export type RowIssue = z.output<typeof RowIssueSchema>;

/**
 * The outcome of one row.
 * @example const r = parser.parse(row); r.ok ? r.record : r.rejection
 */
export type RowResult =
  | {
      /** The row was used. */
      readonly ok: true;
      /** The dossier read from it. */
      readonly record: DossierRecord;
      /** Problems that did not stop the row (mixed date styles, a due date that differs from the calendar's). */
      readonly warnings: readonly RowIssue[];
    }
  | {
      /** The row was rejected. */
      readonly ok: false;
      /** Why: the row, the column and the problem. */
      readonly rejection: RowIssue;
      /** Problems found before the rejection. */
      readonly warnings: readonly RowIssue[];
    };
