/**
 * Amendments (sửa đổi, bổ sung bộ tiêu chí): a new version of a criteria set derived from an earlier one by
 * declared changes, written in a changes file (`changes.ts`) that names the amending decision.
 *
 * Each change is applied with immer (`amend-apply.ts`), which records it as patches; the amendment keeps them
 * with the decision's number and date (`amendment.ts`), so the new version can be replayed from the old one
 * ({@link applyAmendment}) and undone (`inversePatches`). The result goes through exactly the checks of
 * `loadCriteriaSet` and gets its own hash; the base set is never touched, so it stays loadable and scores as
 * before. When the result fails a check, the error names the change that caused it (`changes[3]`), in Vietnamese
 * and English.
 * @module
 */
import { Immer, enablePatches, type Patch } from 'immer';
import { deepFreeze } from '../core/document.js';
import { formatPath, issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { canonicalJson } from '../core/hash.js';
import { applyChange } from './amend-apply.js';
import type { MSet, Step } from './amend-draft.js';
import { describeChange } from './amend-messages.js';
import { AMENDMENT_FORMAT, type Amended, type Amendment, type AmendmentStep } from './amendment.js';
import { loadChanges, type AmendOptions } from './changes.js';
import { diffPatches } from './diff-patches.js';
import { checkCriteriaSet, criteriaData, type CriteriaSet } from './load.js';
import type { CriteriaSetData } from './schema.js';
import { pushAll } from '../core/lists.js';

let patchesOn = false;
function engine(): Immer {
  if (!patchesOn) {
    enablePatches();
    patchesOn = true;
  }
  return IMMER;
}
// An own instance, so no other code's immer settings (auto-freeze) change how amendments are produced.
const IMMER = new Immer({ autoFreeze: true });

/** The id of the deepest node a path into the tree points at. */
function nodeAtPath(
  tree: readonly { id: string; children?: readonly unknown[] | undefined }[],
  path: readonly PathSegment[],
): string | undefined {
  if (path[0] !== 'tree' || typeof path[1] !== 'number') return undefined;
  let list: readonly { id: string; children?: readonly unknown[] | undefined }[] | undefined = tree;
  let id: string | undefined;
  let i = 1;
  while (list && typeof path[i] === 'number') {
    const n: { id: string; children?: readonly unknown[] | undefined } | undefined = list[path[i] as number];
    if (!n) break;
    id = n.id;
    if (path[i + 1] !== 'children') break;
    list = n.children as typeof list;
    i += 2;
  }
  return id;
}

const GLOBAL_KEYS = ['set:status', 'set:rounding', 'set:measures', 'set:surveys'];

/** Rewrites a check's issue about the amended set so that it names the change(s) that caused it. */
function attribute(i: Issue, data: CriteriaSetData, steps: readonly Step[], file: string | undefined): Issue {
  const keys: string[] = [];
  const nodeId = i.node ?? nodeAtPath(data.tree, i.path);
  if (nodeId !== undefined) keys.push(`node:${nodeId}`);
  if (typeof i.path[0] === 'string' && i.path[0] !== 'tree') keys.push(`set:${i.path[0]}`);
  let by = steps.filter((s) => keys.some((k) => s.touches.has(k)));
  // No change touched this node: look for the set-wide changes that alter how every node is checked (a draft
  // made official, a new rounding precision, a measure removed).
  if (by.length === 0) by = steps.filter((s) => GLOBAL_KEYS.some((k) => s.touches.has(k)));
  const where = formatPath(i.path);
  const en = by.length
    ? by.map((s) => `changes[${s.index}] (${describeChange(s.change).en})`).join(', ')
    : 'the changes together (no single change touched this part)';
  const vi = by.length
    ? by.map((s) => `changes[${s.index}] (${describeChange(s.change).vi})`).join(', ')
    : 'các thay đổi cộng lại (không thay đổi riêng lẻ nào chạm tới phần này)';
  return issue(
    i.code,
    i.severity,
    by.length ? ['changes', by[0]!.index] : ['changes'],
    `the amended set fails a check at ${where}: ${i.message} — caused by ${en}`,
    `bộ tiêu chí sau sửa đổi không hợp lệ tại ${where}: ${i.messageVi} — do ${vi}`,
    { file, node: nodeId },
  );
}

/**
 * Derives a new version of a criteria set from declared changes (a changes file as YAML/JSON text or data).
 * The result is checked exactly as `loadCriteriaSet` checks a file, frozen, hashed, and carries
 * `amends: { id, version, decision, date }` naming the version (and decision) it amends. The base is not
 * changed. With no change at all, the result is the base (same hash).
 *
 * Throws {@link ParIndexError}: a change naming a missing node, an invalid value, or a result that fails a
 * check — each issue with the changes file, the path of the change (`changes[3]`) and both languages.
 *
 * @example
 * ```ts
 * const { set, amendment } = amend(set2021, changesYaml, { file: 'van-lam-commune-2022.changes.yaml' });
 * set.version;            // "2022"
 * set.amends;             // { id: "vn.hung-yen.van-lam.commune", version: "2021", decision: "…", date: "2021-03-15" }
 * amendment.decision;     // the amending decision's number and date
 * amendment.patches.length > 0;
 * ```
 */
export function amend(base: CriteriaSet, changes: unknown, opts: AmendOptions = {}): Amended {
  const file = opts.file;
  const doc = loadChanges(changes, opts);
  const problems: Issue[] = [];
  if (doc.base.id !== base.id || doc.base.version !== base.version) {
    problems.push(
      issue(
        'amend.base-mismatch',
        'error',
        ['base'],
        `this changes file amends ${doc.base.id} version ${doc.base.version}, but the base given is ${base.id} version ${base.version}`,
        `tệp thay đổi này sửa đổi ${doc.base.id} phiên bản ${doc.base.version}, nhưng bộ tiêu chí gốc được đưa vào là ${base.id} phiên bản ${base.version}`,
        { file },
      ),
    );
  } else if (doc.base.hash !== undefined && doc.base.hash !== base.hash) {
    problems.push(
      issue(
        'amend.base-mismatch',
        'error',
        ['base', 'hash'],
        `the base's content (${base.hash}) is not the one this changes file was written for (${doc.base.hash})`,
        `nội dung bộ tiêu chí gốc (${base.hash}) khác với nội dung mà tệp thay đổi được viết cho (${doc.base.hash})`,
        { file },
      ),
    );
  }
  if (problems.length) throw new ParIndexError(problems);

  const im = engine();
  let data = criteriaData(base);
  const records: AmendmentStep[] = [];
  const inverse: Patch[][] = [];
  const steps: Step[] = [];
  doc.changes.forEach((change, index) => {
    const s: Step = { index, change, file, issues: [], touches: new Set() };
    const [next, patches, inv] = im.produceWithPatches(data, (draft) => {
      applyChange(draft, s);
    });
    steps.push(s);
    pushAll(problems, s.issues);
    if (s.issues.some((i) => i.severity === 'error')) return;
    data = next;
    records.push({ index, op: change.op, describe: describeChange(change), patches });
    inverse.push(inv);
  });
  ParIndexError.throwIfErrors(problems);
  const changed = records.some((r) => r.patches.length > 0);

  const headerChanged =
    (doc.version !== undefined && doc.version !== base.version) ||
    (doc.decision !== undefined && canonicalJson(doc.decision) !== canonicalJson(base.decision));
  if (changed || headerChanged) {
    // The new version names the version and decision it amends; the amending decision is its own `decision`.
    const [next, patches, inv] = im.produceWithPatches(data, (draft) => {
      const d = draft as unknown as MSet;
      if (doc.version !== undefined) d['version'] = doc.version;
      if (doc.decision !== undefined) d['decision'] = JSON.parse(JSON.stringify(doc.decision)) as unknown;
      d['amends'] = { id: base.id, version: base.version, decision: base.decision.number, date: base.decision.date };
    });
    data = next;
    records.push({
      index: -1,
      op: 'version',
      describe: { en: 'new version, decision and amends', vi: 'phiên bản, quyết định mới và amends' },
      patches,
    });
    inverse.push(inv);
    if (data.version === base.version) {
      problems.push(
        issue(
          'amend.invalid-change',
          'warning',
          ['version'],
          `the amended set keeps version ${base.version}: a registry cannot hold both versions; give the amendment a new version`,
          `bộ tiêu chí sau sửa đổi vẫn là phiên bản ${base.version}: không thể lưu cả hai phiên bản; hãy đặt phiên bản mới`,
          { file },
        ),
      );
    }
  }

  const r = checkCriteriaSet(data, { file: opts.resultFile });
  const baseWarnings = new Set(base.warnings.map((w) => `${w.code}|${w.node ?? ''}|${w.message}`));
  const fresh = r.issues.filter((i) => i.severity === 'error' || !baseWarnings.has(`${i.code}|${i.node ?? ''}|${i.message}`));
  const attributed = fresh.map((i) => attribute(i, data, steps, file));
  if (!r.ok || !r.set) throw new ParIndexError(attributed.filter((i) => i.severity === 'error'));
  let set = r.set;
  if (set.hash === base.hash) set = base;
  // The schema may add defaults the changes did not write (e.g. an added node's `legal: []`); a last step
  // records them, so the patches always reproduce the result exactly.
  const norm = diffPatches(data, criteriaData(set));
  if (norm.length) {
    records.push({
      index: -2,
      op: 'normalise',
      describe: { en: 'defaults filled in by the schema', vi: 'giá trị mặc định do lược đồ bổ sung' },
      patches: norm,
    });
    inverse.push([...diffPatches(criteriaData(set), data)]);
  }
  const patches = records.flatMap((x) => x.patches);
  const inversePatches = [...inverse].reverse().flat();
  const amendment: Amendment = {
    format: AMENDMENT_FORMAT,
    base: { id: base.id, version: base.version, hash: base.hash },
    result: { id: set.id, version: set.version, hash: set.hash },
    decision: doc.decision
      ? { number: doc.decision.number, date: doc.decision.date, ...(doc.decision.title !== undefined ? { title: doc.decision.title } : {}) }
      : { number: base.decision.number, date: base.decision.date },
    steps: records,
    patches,
    inversePatches,
  };
  return Object.freeze({
    set,
    amendment: deepFreeze(JSON.parse(JSON.stringify(amendment)) as Amendment),
    warnings: Object.freeze([...problems, ...attributed]),
  });
}

/**
 * Replays an amendment's patches on its base and checks that the result is the version it recorded.
 * Throws {@link ParIndexError} (`amend.base-mismatch`, `amend.patch-mismatch`) otherwise.
 *
 * @example
 * ```ts
 * const again = applyAmendment(set2021, amendment);
 * again.hash === set2022.hash; // true
 * ```
 */
export function applyAmendment(base: CriteriaSet, amendment: Amendment, opts: { file?: string } = {}): CriteriaSet {
  if (base.hash !== amendment.base.hash) {
    throw new ParIndexError([
      issue(
        'amend.base-mismatch',
        'error',
        ['base', 'hash'],
        `the amendment was recorded on ${amendment.base.id} ${amendment.base.version} (${amendment.base.hash}), not on this set (${base.hash})`,
        `bản sửa đổi được ghi trên ${amendment.base.id} ${amendment.base.version} (${amendment.base.hash}), không phải bộ tiêu chí này (${base.hash})`,
        { file: opts.file },
      ),
    ]);
  }
  const data = engine().applyPatches(criteriaData(base), amendment.patches);
  const r = checkCriteriaSet(data, { file: opts.file });
  if (!r.ok || !r.set || r.set.hash !== amendment.result.hash) {
    throw new ParIndexError([
      issue(
        'amend.patch-mismatch',
        'error',
        ['patches'],
        `replaying the patches does not give ${amendment.result.id} ${amendment.result.version} (${amendment.result.hash})`,
        `áp dụng các bản vá không cho ra ${amendment.result.id} ${amendment.result.version} (${amendment.result.hash})`,
        { file: opts.file },
      ),
      ...r.issues.filter((i) => i.severity === 'error'),
    ]);
  }
  return r.set.hash === base.hash ? base : r.set;
}
