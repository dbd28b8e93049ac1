/**
 * Reading a cases file (YAML/JSON text or data): format, schema, and what the schema cannot see — unique case
 * names, at least one expectation per case.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { Limits } from '../core/limits.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { readDocument } from '../core/zod-helpers.js';
import { CASES_FORMAT, CASES_FORMAT_VERSION, CasesSchema, type CasesData } from './format.js';

/**
 * Loads and validates a cases file. Throws {@link ParIndexError} listing every problem with the file and the
 * path in it (`cases[2].expect.nodes`).
 *
 * @example
 * ```ts
 * const cases = loadCases(readFileSync('criteria/examples/van-lam-commune-2021.cases.yaml', 'utf8'), { file: 'van-lam-commune-2021.cases.yaml' });
 * cases.criteria; // "van-lam-commune-2021.yaml"
 * ```
 */
export function loadCases(input: unknown, opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {}): CasesData {
  const file = opts.file;
  // A case scores one unit: the cases are bounded as the units of an evidence set are.
  const data = readDocument(
    input,
    { file, limits: opts.limits },
    {
      format: CASES_FORMAT,
      version: CASES_FORMAT_VERSION,
      schema: CasesSchema,
      bounded: [{ key: 'cases', limit: 'maxUnits', what: { en: 'the file has too many cases', vi: 'tệp có quá nhiều ca kiểm thử' } }],
    },
  );
  const problems: Issue[] = [];
  const names = new Map<string, number>();
  data.cases.forEach((c, i) => {
    const prev = names.get(c.name);
    if (prev !== undefined)
      problems.push(
        issue(
          'cases.invalid',
          'error',
          ['cases', i, 'name'],
          `case name "${c.name}" is used twice (also cases[${prev}])`,
          `tên ca "${c.name}" bị trùng (đã có ở cases[${prev}])`,
          { file },
        ),
      );
    else names.set(c.name, i);
    const e = c.expect;
    const some =
      e.nodes !== undefined ||
      e.index !== undefined ||
      e.total !== undefined ||
      e.max !== undefined ||
      e.band !== undefined ||
      e.missing !== undefined ||
      e.warnings !== undefined ||
      e.error !== undefined;
    if (!some)
      problems.push(
        issue(
          'cases.invalid',
          'error',
          ['cases', i, 'expect'],
          'a case needs at least one expectation (nodes, index, total, max, band, missing, warnings or error)',
          'mỗi ca cần ít nhất một kết quả mong đợi (nodes, index, total, max, band, missing, warnings hoặc error)',
          { file },
        ),
      );
    if (
      e.error !== undefined &&
      (e.nodes !== undefined ||
        e.index !== undefined ||
        e.total !== undefined ||
        e.max !== undefined ||
        e.band !== undefined ||
        e.missing !== undefined ||
        e.warnings !== undefined)
    ) {
      problems.push(
        issue(
          'cases.invalid',
          'error',
          ['cases', i, 'expect', 'error'],
          'a case that expects an error cannot also expect results',
          'ca mong đợi lỗi thì không thể đồng thời mong đợi kết quả chấm điểm',
          { file },
        ),
      );
    }
  });
  if (problems.length) throw new ParIndexError(problems);
  return deepFreeze(data);
}
