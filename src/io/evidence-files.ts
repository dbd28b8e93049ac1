/**
 * Reading evidence documents from files and folders (Node only, exported through `par-index/io`). Descriptors of
 * other sources (dossier exports, inspection plans, survey responses) are read by `readEvidenceSources`.
 * @module
 */
import { extname } from 'node:path';
import { parseText } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { EVIDENCE_FORMAT } from '../evidence/schema.js';
import { loadEvidence, type Evidence, type EvidenceInput } from '../evidence/load.js';
import { INSPECTION_PLAN_FORMAT } from '../inspection/plan-schema.js';
import { DOSSIER_SOURCE_FORMAT } from '../measures/dossier-source.js';
import { displayPath, folderFiles, readText, statPath, type FolderOptions, type ReadOptions } from './files.js';
import { formatTag } from './sources.js';
import { SURVEY_SOURCE_FORMAT } from './survey-source.js';

const DATA_EXT = new Set(['.yaml', '.yml', '.json']);

/**
 * The evidence documents at a path: the file itself, or every .yaml/.yml/.json file directly in the folder
 * (sorted by name; sub-folders are not read). Lock and backup files, links to nothing and links out of the folder
 * are skipped with a warning (see {@link FolderOptions}).
 *
 * @example `evidenceFiles('fixtures/van-lam-2021') // ['fixtures/van-lam-2021/chi-dao.yaml', …]`
 */
export function evidenceFiles(path: string, opts: FolderOptions = {}): string[] {
  const st = statPath(path);
  if (!st.isDirectory()) return [path];
  const files = folderFiles(path, opts).filter((f) => DATA_EXT.has(extname(f).toLowerCase()));
  if (files.length === 0) {
    throw new ParIndexError([
      issue(
        'evidence.missing',
        'error',
        [],
        'the folder has no .yaml, .yml or .json evidence file',
        'thư mục không có tệp minh chứng .yaml, .yml hoặc .json',
        { file: displayPath(path) },
      ),
    ]);
  }
  return files;
}

/**
 * Reads evidence from files and folders and merges it. In a folder, editors' lock files, links to nothing and links
 * out of it are skipped with a warning to `opts.onWarning` (`opts.followLinks` follows links out of it).
 *
 * @example `readEvidence(['fixtures/van-lam-2021/nhu-quynh.yaml', 'fixtures/van-lam-2021/dai-dong.yaml']).units.length // 2`
 */
export function readEvidence(paths: string | readonly string[], opts: ReadOptions & FolderOptions = {}): Evidence {
  const list = typeof paths === 'string' ? [paths] : paths;
  const inputs: EvidenceInput[] = [];
  const descriptors: Issue[] = [];
  for (const f of list.flatMap((p) => evidenceFiles(p, opts))) {
    const file = displayPath(f);
    const data = parseText(readText(f, opts), { file, ...(opts.limits ? { limits: opts.limits } : {}) });
    const tag = formatTag(data);
    if (
      tag !== undefined &&
      tag !== EVIDENCE_FORMAT &&
      [DOSSIER_SOURCE_FORMAT, INSPECTION_PLAN_FORMAT, SURVEY_SOURCE_FORMAT].includes(tag)
    ) {
      descriptors.push(
        issue(
          'format.unknown',
          'error',
          ['format'],
          `this is a source descriptor (${tag}), not an evidence document: readEvidence reads evidence documents only; use readEvidenceSources (async), which reads descriptors and the tables they name`,
          `đây là tệp mô tả nguồn (${tag}), không phải tài liệu minh chứng: readEvidence chỉ đọc tài liệu minh chứng; hãy dùng readEvidenceSources (bất đồng bộ), hàm này đọc cả tệp mô tả và các bảng mà nó nêu`,
          { file },
        ),
      );
      continue;
    }
    inputs.push({ data, file });
  }
  if (descriptors.length > 0) throw new ParIndexError(descriptors);
  return loadEvidence(inputs, opts.limits ? { limits: opts.limits } : {});
}
