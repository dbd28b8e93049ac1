/**
 * Inspections (kiểm tra công tác CCHC): loading a plan (`plan-schema.ts` holds its format) and checking what the
 * schema cannot. From a plan: coverage measures for the inspecting unit (`coverage.ts`) and findings (with
 * counts) for the inspected units, as evidence documents (`plan-evidence.ts`). Pure: no Node.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { Limits } from '../core/limits.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { readDocument } from '../core/zod-helpers.js';
import { INSPECTION_PLAN_FORMAT, INSPECTION_PLAN_VERSION, InspectionPlanSchema, type InspectionPlan } from './plan-schema.js';

/**
 * Loads a plan (YAML/JSON text or parsed data) and checks it: visits and findings name declared units, every
 * planned unit is declared, a finding is not fixed before it was found, a visit's kind agrees with the plan.
 * Throws {@link ParIndexError} with every problem.
 *
 * @example
 * ```ts
 * const plan = loadInspectionPlan(readFileSync('fixtures/van-lam-2021/kiem-tra-cchc-2021.inspection.yaml', 'utf8'));
 * inspectionCoverage(plan).coverage; // { visited: 12, planned: 12, value: 1 }
 * ```
 */
export function loadInspectionPlan(
  input: unknown,
  opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {},
): InspectionPlan {
  const file = opts.file;
  const p = readDocument(
    input,
    { file, limits: opts.limits },
    { format: INSPECTION_PLAN_FORMAT, version: INSPECTION_PLAN_VERSION, schema: InspectionPlanSchema },
  );
  const issues: Issue[] = [];
  const known = (u: string) => Object.prototype.hasOwnProperty.call(p.units, u);
  p.planned.forEach((u, i) => {
    if (!known(u))
      issues.push(
        issue(
          'inspection.unknown-unit',
          'error',
          ['planned', i],
          `planned unit "${u}" is not declared in units`,
          `đơn vị "${u}" trong kế hoạch không có trong units`,
          { file },
        ),
      );
  });
  const planned = new Set(p.planned);
  p.rounds.forEach((rd, i) =>
    rd.visits.forEach((v, j) => {
      if (!known(v.unit))
        issues.push(
          issue(
            'inspection.unknown-unit',
            'error',
            ['rounds', i, 'visits', j, 'unit'],
            `unit "${v.unit}" is not declared in units`,
            `đơn vị "${v.unit}" không có trong units`,
            { file },
          ),
        );
      if (v.kind === 'planned' && !planned.has(v.unit))
        issues.push(
          issue(
            'inspection.inconsistent',
            'error',
            ['rounds', i, 'visits', j, 'kind'],
            `"${v.unit}" is visited as planned but is not on the plan`,
            `"${v.unit}" được kiểm tra theo kế hoạch nhưng không có trong danh sách kế hoạch`,
            { file },
          ),
        );
      if (v.date && v.date < rd.notice.date)
        issues.push(
          issue(
            'inspection.inconsistent',
            'error',
            ['rounds', i, 'visits', j, 'date'],
            `visit on ${v.date}, before notice ${rd.notice.number} of ${rd.notice.date}`,
            `kiểm tra ngày ${v.date}, trước thông báo ${rd.notice.number} ngày ${rd.notice.date}`,
            { file },
          ),
        );
    }),
  );
  const ids = new Set<string>();
  p.findings.forEach((fd, i) => {
    if (!known(fd.unit))
      issues.push(
        issue(
          'inspection.unknown-unit',
          'error',
          ['findings', i, 'unit'],
          `unit "${fd.unit}" is not declared in units`,
          `đơn vị "${fd.unit}" không có trong units`,
          { file },
        ),
      );
    if (ids.has(fd.id))
      issues.push(
        issue(
          'evidence.duplicate-item',
          'error',
          ['findings', i, 'id'],
          `duplicate finding id "${fd.id}"`,
          `mã phát hiện "${fd.id}" bị trùng`,
          { file },
        ),
      );
    ids.add(fd.id);
    if (fd.fixedOn && fd.fixedOn < fd.date)
      issues.push(
        issue(
          'inspection.inconsistent',
          'error',
          ['findings', i, 'fixedOn'],
          `fixed on ${fd.fixedOn}, before it was found on ${fd.date}`,
          `khắc phục ngày ${fd.fixedOn}, trước ngày phát hiện ${fd.date}`,
          { file },
        ),
      );
    if (fd.deadline && fd.deadline < fd.date)
      issues.push(
        issue(
          'inspection.inconsistent',
          'error',
          ['findings', i, 'deadline'],
          `deadline ${fd.deadline} is before the finding's date ${fd.date}`,
          `hạn khắc phục ${fd.deadline} trước ngày phát hiện ${fd.date}`,
          { file },
        ),
      );
    if (!p.rounds.some((rd) => rd.visits.some((v) => v.unit === fd.unit)))
      issues.push(
        issue(
          'inspection.inconsistent',
          'error',
          ['findings', i, 'unit'],
          `finding for "${fd.unit}", which no round visits`,
          `phát hiện tại "${fd.unit}" nhưng không đợt nào kiểm tra đơn vị này`,
          { file },
        ),
      );
  });
  ParIndexError.throwIfErrors(issues);
  return deepFreeze({ ...p, file });
}
