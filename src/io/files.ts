/**
 * Reading and writing text files (Node only): the size limit checked before reading, the BOM removed, and the
 * path every message and provenance shows. Every reader of `par-index/io` goes through here.
 * @module
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { DEFAULT_LIMITS, resolveLimits, type Limits } from '../core/limits.js';
import { nfc } from '../core/text.js';

/**
 * Largest file read by default: 50 MB.
 *
 * @example `readText('big.yaml', { maxBytes: 2 * DEFAULT_MAX_FILE_BYTES })`
 */
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;

/**
 * Options of the file readers.
 *
 * @example `readCriteriaSet('criteria/x.yaml', { maxBytes: 1_000_000 })`
 */
export interface ReadOptions {
  /** Refuse files larger than this many bytes (default 50 MB), before reading them. */
  maxBytes?: number;
  /** Limits (see src/core/limits.ts and SECURITY.md): `maxFileBytes` when `maxBytes` is not given, and the parsing limits. */
  limits?: Partial<Limits>;
}

/**
 * A path as shown in messages and provenance: relative to the working directory (with ../ when outside it).
 *
 * @example `displayPath(`${process.cwd()}/criteria/x.yaml`) // "criteria/x.yaml"`
 */
export function displayPath(path: string): string {
  // Always relative (with ../ where needed), never absolute: a file's name in messages and in provenance must not
  // depend on where the repository happens to be checked out, or evidence hashes would differ between machines.
  const r = relative(process.cwd(), path);
  return r === '' ? path : r.split('\\').join('/');
}

/**
 * The refusal of a path the system would not stat or open (`io.read`), naming its error code. Every reader
 * refuses the same way; the Vietnamese text says "tệp" (file) only where the path is known to be a file, as a
 * folder walk may be given a file or a folder.
 *
 * @example `throw cannotRead(e, displayPath(path))`
 */
export function cannotRead(e: unknown, file: string, kind: 'file' | 'path' = 'file'): ParIndexError {
  const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new ParIndexError(
    [
      issue('io.read', 'error', [], `cannot read: ${why}`, `${kind === 'file' ? 'không đọc được tệp' : 'không đọc được'}: ${why}`, {
        file,
      }),
    ],
    { cause: e },
  );
}

/**
 * `statSync`, refusing a path it cannot stat with `io.read` (see {@link cannotRead}): the start of the folder
 * walks of the evidence, source and cases readers.
 *
 * @example `statPath('fixtures/van-lam-2021').isDirectory() // true`
 */
export function statPath(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    throw cannotRead(e, displayPath(path), 'path');
  }
}

/**
 * Reads a text file (UTF-8, BOM removed), refusing files over the size limit before reading them.
 * Throws {@link ParIndexError} with code `io.read` or `io.too-large`.
 *
 * @example `parseText(readText('criteria/x.yaml'), { file: 'criteria/x.yaml' })`
 */
export function readText(path: string, opts: ReadOptions = {}): string {
  const file = displayPath(path);
  const max = opts.maxBytes ?? resolveLimits(opts.limits).maxFileBytes;
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new ParIndexError([issue('io.read', 'error', [], 'is a folder, expected a file', 'là thư mục, cần một tệp', { file })]);
    size = st.size;
  } catch (e) {
    if (e instanceof ParIndexError) throw e;
    throw cannotRead(e, file);
  }
  if (size > max) {
    throw new ParIndexError([
      issue(
        'io.too-large',
        'error',
        [],
        `the file is ${size} bytes; the limit is ${max} bytes (raise it with maxBytes if this is intended)`,
        `tệp có ${size} byte; giới hạn là ${max} byte`,
        { file },
      ),
    ]);
  }
  try {
    // Composed (NFC): names and ids compare exactly whichever Unicode form the file was saved in.
    return nfc(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ParIndexError(
      [issue('io.read', 'error', [], `cannot read: ${(e as Error).message}`, `không đọc được tệp: ${(e as Error).message}`, { file })],
      { cause: e },
    );
  }
}

/**
 * Writes a text file, creating its folder.
 *
 * @example `writeText('out/2021/report.md', reportMarkdown(ranking, 'vi'))`
 */
export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, 'utf8');
}

/**
 * How a folder of evidence is walked (`readEvidence`, `readEvidenceSources`).
 *
 * @example `readEvidenceSources(['minh-chung/'], { followLinks: true, onWarning: (w) => console.warn(formatIssue(w)) })`
 */
export interface FolderOptions {
  /**
   * Follow symbolic links in the folder that point outside it (default false: such a link is skipped with a
   * warning, so a folder received from elsewhere cannot make the reader open any file on the disk).
   */
  readonly followLinks?: boolean | undefined;
  /**
   * Called with a warning (`io.skipped-file`) for each entry of the folder that is skipped: an editor's lock or
   * backup file (`.#x.yaml`, `~$x.xlsx`, `x.yaml~`, `.x.swp`), a link to nothing, a link out of the folder.
   */
  readonly onWarning?: ((warning: Issue) => void) | undefined;
}

/** Names editors and office suites give their lock, swap and backup files: never evidence. */
const EDITOR_FILE = /^\.#|^~\$|~$|^#.*#$|^\..*\.sw[a-p]$/;

/** Whether `p` is `dir` or inside it (both real paths). */
function inside(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/**
 * The regular files directly in a folder, sorted by name, joined to its path (sub-folders are not read). An
 * editor's lock or backup file, a link to nothing and — unless `followLinks` — a link pointing out of the folder
 * are skipped, each with an `io.skipped-file` warning to `onWarning`: a dangling lock link used to crash `score`.
 *
 * @example `folderFiles('fixtures/van-lam-2021', { onWarning: (w) => console.warn(w.message) })`
 */
export function folderFiles(dir: string, opts: FolderOptions = {}): string[] {
  const skip = (name: string, en: string, vi: string): void => {
    opts.onWarning?.(issue('io.skipped-file', 'warning', [], `skipped: ${en}`, `bỏ qua: ${vi}`, { file: displayPath(join(dir, name)) }));
  };
  let real: string;
  let names: string[];
  try {
    real = realpathSync(dir);
    names = readdirSync(dir).sort();
  } catch (e) {
    throw cannotRead(e, displayPath(dir), 'path');
  }
  const out: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (EDITOR_FILE.test(name)) {
      skip(name, "an editor's lock, swap or backup file", 'tệp khóa, tệp tạm hoặc tệp sao lưu của trình soạn thảo');
      continue;
    }
    let st: Stats;
    try {
      st = lstatSync(path);
      if (st.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(path);
          st = statSync(target);
        } catch {
          skip(name, 'a symbolic link to nothing', 'liên kết tượng trưng trỏ tới tệp không tồn tại');
          continue;
        }
        if (!inside(real, target) && !opts.followLinks) {
          skip(
            name,
            'a symbolic link pointing outside the folder is not followed (allow it with followLinks, --follow-links)',
            'liên kết tượng trưng trỏ ra ngoài thư mục không được đọc (cho phép bằng followLinks, --follow-links)',
          );
          continue;
        }
      }
    } catch (e) {
      // Removed between the listing and now: the same as a link to nothing.
      skip(name, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'không đọc được');
      continue;
    }
    if (st.isFile()) out.push(path);
  }
  return out;
}
