/**
 * Where a descriptor may reach: the data tables it names (records, aggregates, a catalogue table, responses,
 * tallies) lie in its own folder or below. A crafted descriptor could otherwise read any table on the disk
 * through `../`, an absolute path or a link, and quote it in an error or a score. Settings files (a column
 * mapping, a calendar, a questionnaire) may be shared between folders and are not confined; `allowOutside`
 * lifts the rule.
 * @module
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { issue, ParIndexError, type PathSegment } from '../core/errors.js';

/** Whether `path` is `root` or inside it (both absolute). */
function inside(root: string, path: string): boolean {
  const r = relative(root, path);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
}

/** The real path (links followed) when the file exists, else the path as given. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A missing file: the reader that opens it names the problem.
    return path;
  }
}

/**
 * The absolute path of a data table a descriptor names, checked to lie in the descriptor's folder tree (links
 * followed). Throws {@link ParIndexError}
 * (`io.outside-folder`) naming the field otherwise, unless `allowOutside`.
 *
 * @example `confined('/data/2021', 'ho-so.csv', { file: 'ho-so.source.yaml', path: ['records', 0] }) // '/data/2021/ho-so.csv'`
 */
export function confined(
  dir: string,
  name: string,
  where: { readonly file?: string | undefined; readonly path: readonly PathSegment[]; readonly allowOutside?: boolean | undefined },
): string {
  const path = resolve(dir, name);
  if (where.allowOutside === true) return path;
  const target = real(path);
  if (!isAbsolute(name) && inside(real(dir), target) && inside(resolve(dir), path)) return path;
  throw new ParIndexError([
    issue(
      'io.outside-folder',
      'error',
      where.path,
      `"${name}" is outside the descriptor's folder: a descriptor names its files relative to itself, in its folder or below (no "../", no absolute path, no link out); to read it anyway, pass allowOutside (on the command line --allow-outside)`,
      `"${name}" nằm ngoài thư mục của tệp mô tả: tệp mô tả chỉ được nêu các tệp trong thư mục của nó hoặc thư mục con (không "../", không đường dẫn tuyệt đối, không liên kết ra ngoài); nếu vẫn muốn đọc, dùng allowOutside (dòng lệnh: --allow-outside)`,
      { file: where.file },
    ),
  ]);
}
