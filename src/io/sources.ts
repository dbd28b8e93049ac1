/**
 * Evidence sources (nguồn minh chứng): besides evidence files, a folder may hold descriptors of other sources —
 * a one-stop system's dossier export, survey responses, an inspection plan — each a small YAML/JSON file with
 * its own `format` tag that names the table files it reads. A {@link SourceReader} turns such a descriptor into
 * evidence documents, which merge with the rest by unit.
 * @module
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { parseText } from '../core/document.js';
import { issue, type Issue, ParIndexError } from '../core/errors.js';
import type { CriteriaSet } from '../criteria/load.js';
import { EVIDENCE_FORMAT } from '../evidence/schema.js';
import { loadEvidence, type Evidence, type EvidenceInput } from '../evidence/load.js';
import { dossierSource } from './dossier-source.js';
import { displayPath, folderFiles, readText, statPath, type FolderOptions, type ReadOptions } from './files.js';
import { inspectionSource } from './inspection-source.js';
import type { SourceReader } from './source-reader.js';
import { surveySource } from './survey-source.js';
import { pushAll } from '../core/lists.js';

export type { SourceContext, SourceReader, SourceResult } from './source-reader.js';

/** The library's own descriptor readers, used when the caller names none. */
const DEFAULT_READERS: readonly SourceReader[] = [dossierSource, inspectionSource, surveySource];

const DATA_EXT = new Set(['.yaml', '.yml', '.json']);
const TABLE_EXT = new Set(['.csv', '.tsv', '.txt', '.xlsx']);

/**
 * A document's format tag without its version, if it has one.
 *
 * @example `formatTag({ format: 'par-index/dossier-source@1' }) // 'par-index/dossier-source'`
 */
export function formatTag(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const f = (doc as Record<string, unknown>)['format'];
  return typeof f === 'string' ? f.replace(/@\d+$/, '') : undefined;
}

function listFiles(path: string, opts: FolderOptions): string[] {
  const st = statPath(path);
  if (!st.isDirectory()) return [resolve(path)];
  return folderFiles(path, opts)
    .map((f) => resolve(f))
    .filter((f) => DATA_EXT.has(extname(f).toLowerCase()) || TABLE_EXT.has(extname(f).toLowerCase()));
}

/**
 * Options of {@link readEvidenceSources}.
 *
 * @example `readEvidenceSources(['fixtures/van-lam-2021'], { readers: [dossierSource], onProgress: (done, total) => console.log(done, total) })`
 */
export interface EvidenceSourceOptions extends FolderOptions {
  /** The readers of descriptors, by format; by default the library's own (dossier exports, inspection plans, survey responses). */
  readonly readers?: readonly SourceReader[];
  /** The criteria set the evidence is for (some readers need its measures). */
  readonly set?: CriteriaSet;
  /** File size limits. */
  readonly limits?: ReadOptions;
  /**
   * Let descriptors name files outside their own folder tree (`../`, an absolute path, a link out). Off by
   * default: a descriptor could otherwise read any table on the disk (SECURITY.md). `--allow-outside` on the
   * command line.
   */
  readonly allowOutside?: boolean;
  /**
   * Called before each file is read, with the files done so far, their total and the file's name, and once
   * at the end with `done === total` and no file (the CLI shows it on a terminal). It must not throw.
   */
  readonly onProgress?: ((done: number, total: number, file: string | undefined) => void) | undefined;
}

/**
 * Reads evidence from files and folders: evidence documents, and descriptors handled by `readers`. In a folder,
 * every data file must be evidence or a descriptor, and every table file must be read by some descriptor;
 * anything else is an error rather than silently left out. Sub-folders are not read; editors' lock and backup
 * files, links to nothing and links out of the folder are skipped with a warning to `onWarning` (see
 * {@link FolderOptions}; `followLinks` follows links out of it).
 *
 * @example
 * ```ts
 * const ev = await readEvidenceSources(['fixtures/van-lam-2021'], { readers: [dossierSource, surveySource] });
 * ```
 */
export async function readEvidenceSources(paths: string | readonly string[], opts: EvidenceSourceOptions = {}): Promise<Evidence> {
  const list = typeof paths === 'string' ? [paths] : paths;
  const readers = new Map((opts.readers ?? DEFAULT_READERS).map((r) => [r.format, r]));
  const inputs: EvidenceInput[] = [];
  const consumed = new Set<string>();
  const tables: string[] = [];
  const issues: Issue[] = [];
  // Listed first, so that progress can say how many files there are.
  const files = list.flatMap((p) => listFiles(p, opts));
  let done = 0;
  for (const f of files) {
    opts.onProgress?.(done++, files.length, displayPath(f));
    const ext = extname(f).toLowerCase();
    if (TABLE_EXT.has(ext)) {
      tables.push(f);
      continue;
    }
    const file = displayPath(f);
    let doc: unknown;
    try {
      doc = parseText(readText(f, opts.limits), { file });
    } catch (e) {
      if (e instanceof ParIndexError) {
        pushAll(issues, e.issues);
        continue;
      }
      throw e;
    }
    const tag = formatTag(doc);
    if (tag === EVIDENCE_FORMAT) {
      inputs.push({ data: doc, file });
      continue;
    }
    const reader = tag ? readers.get(tag) : undefined;
    if (!reader) {
      const known = [EVIDENCE_FORMAT, ...readers.keys()].join(', ');
      issues.push(
        issue(
          'format.unknown',
          'error',
          ['format'],
          `not evidence and no reader for format "${tag ?? '(none)'}" (this command reads: ${known})`,
          `không phải minh chứng và không có bộ đọc cho định dạng "${tag ?? '(không có)'}" (lệnh này đọc: ${known})`,
          { file },
        ),
      );
      continue;
    }
    try {
      const r = await reader.read(doc, { file, dir: dirname(f), set: opts.set, limits: opts.limits, allowOutside: opts.allowOutside });
      pushAll(inputs, r.inputs);
      for (const c of r.consumed) consumed.add(resolve(c));
    } catch (e) {
      if (e instanceof ParIndexError) pushAll(issues, e.issues);
      else throw e;
    }
  }
  opts.onProgress?.(done, files.length, undefined);
  for (const t of tables) {
    if (!consumed.has(t)) {
      issues.push(
        issue(
          'evidence.missing',
          'error',
          [],
          `table file ${basename(t)} is not read by any descriptor: add a descriptor (e.g. format par-index/dossier-source@1) that names it, so it is clear what it holds`,
          `tệp bảng ${basename(t)} không được mô tả nào sử dụng: thêm tệp mô tả nêu rõ nội dung`,
          { file: displayPath(t) },
        ),
      );
    }
  }
  if (issues.some((i) => i.severity === 'error')) throw new ParIndexError(issues.filter((i) => i.severity === 'error'));
  return loadEvidence(inputs);
}
