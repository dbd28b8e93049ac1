/**
 * Reading published SIPAS figures (Node, exported through `par-index/io`): the figures file and the questionnaire
 * it names, relative to it.
 * @module
 */
import { dirname, resolve } from 'node:path';
import { parseText } from '../core/document.js';
import { issue, ParIndexError } from '../core/errors.js';
import { loadSipasFigures, type SipasFigures } from '../verify/sipas-figures.js';
import { displayPath, readText, type ReadOptions } from './files.js';
import { readQuestionnaire } from './survey-source.js';

/**
 * Reads a `par-index/sipas-figures@1` file (YAML or JSON) and the questionnaire it names (a shared setting, read
 * wherever it lies, as a survey-source descriptor reads it). Throws `ParIndexError` naming the file and the key.
 *
 * @example verifySipasFigures(readSipasFigures('fixtures/sipas/sipas-2024.figures.yaml')).ok // false
 */
export function readSipasFigures(path: string, opts: ReadOptions = {}): SipasFigures {
  const file = displayPath(path);
  const doc = parseText(readText(path, opts), { file, ...(opts.limits ? { limits: opts.limits } : {}) });
  const name = doc !== null && typeof doc === 'object' ? (doc as { questionnaire?: unknown }).questionnaire : undefined;
  if (typeof name !== 'string' || name === '')
    throw new ParIndexError([
      issue(
        'schema.required',
        'error',
        ['questionnaire'],
        'name the questionnaire whose options declare the composition (questionnaire: FILE.yaml, relative to this file)',
        'cần nêu bộ câu hỏi khai báo cách tổng hợp (questionnaire: TỆP.yaml, tính từ tệp này)',
        { file },
      ),
    ]);
  return loadSipasFigures(doc, readQuestionnaire(resolve(dirname(path), name), opts), { file });
}
