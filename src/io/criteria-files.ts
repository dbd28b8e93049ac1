/**
 * Reading criteria set files (Node only, exported through `par-index/io`).
 * @module
 */
import { checkCriteriaSet, loadCriteriaSet, type CriteriaCheck, type CriteriaSet } from '../criteria/load.js';
import { displayPath, readText, type ReadOptions } from './files.js';

/**
 * Reads and loads a criteria set file (YAML or JSON).
 *
 * @example `readCriteriaSet('criteria/examples/van-lam-commune-2021.yaml').hash // "sha256:…"`
 */
export function readCriteriaSet(path: string, opts: ReadOptions = {}): CriteriaSet {
  return loadCriteriaSet(readText(path, opts), { file: displayPath(path), ...(opts.limits ? { limits: opts.limits } : {}) });
}

/**
 * Reads and checks a criteria set file without throwing for problems in its content.
 *
 * @example `checkCriteriaFile('criteria/examples/van-lam-commune-2021.yaml').ok // true`
 */
export function checkCriteriaFile(path: string, opts: ReadOptions = {}): CriteriaCheck {
  return checkCriteriaSet(readText(path, opts), { file: displayPath(path), ...(opts.limits ? { limits: opts.limits } : {}) });
}
