/**
 * Loading evidence: parse, check the format, validate, give every item its provenance, merge several files.
 * And checking evidence against a criteria set: unknown ids, values out of range, dates outside the period.
 * @module
 */
import type { z } from 'zod';
import { checkFormat, deepFreeze, parseTextLocated, type Locator, type ParseLimits } from '../core/document.js';
import { issue, ISSUE_CODES, type Issue, type IssueCode, ParIndexError, type PathSegment } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { beyondLimit, resolveLimits } from '../core/limits.js';
import { didYouMean, suggestNames } from '../core/suggest.js';
import { nfcDeep } from '../core/text.js';
import { fromZodIssues, locateIssues } from '../core/zod-helpers.js';
import { conditionsRead, listDecls, measureDecls, walk } from '../criteria/tree.js';
import type { CriteriaSet } from '../criteria/load.js';
import { ruleKind } from '../rules/registry.js';
import type { AppraisalItem, FindingItem, ListItem, MeasureItem, SurveyItem, TaskItem } from '../rules/records.js';
import {
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_VERSION,
  EvidenceFileSchema,
  type LoadedEvidenceSchema,
  type LoadedUnitSchema,
  type UnitEvidenceData,
} from './schema.js';
import { pushAll } from '../core/lists.js';

/**
 * One unit's evidence after loading: every item carries its source.
 *
 * @example `ev.units.find((u) => u.id === 'nhu-quynh')?.tasks['plan.issued']?.done`
 * @interface
 */
export type UnitEvidence = Readonly<z.output<typeof LoadedUnitSchema>>;

/**
 * Evidence for one year, merged from one or more files. Frozen.
 *
 * @example `const ev: Evidence = loadEvidence([{ data: text, file: 'nhu-quynh.yaml' }]); ev.units.length`
 * @interface
 */
export type Evidence = Readonly<z.output<typeof LoadedEvidenceSchema>>;

/** Sources longer than this are hashed as the hash of their text (see {@link hashedUnits}). */
const HASH_SOURCE_MAX = 4096;

/**
 * The evidence as its hash reads it: each source longer than {@link HASH_SOURCE_MAX} characters replaced by the
 * hash of its text, computed once. A file's long top-level source is every item's, and hashing it in full for
 * each (100 units × 40 items × 150 KB) took most of a run; evidence whose sources are shorter, as every real one
 * is, hashes exactly as it always has.
 */
function hashedUnits<T extends { units: readonly object[] }>(body: T): T {
  const digests = new Map<string, string>();
  let changed = false;
  const item = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
    const s = (x as { source?: unknown }).source;
    if (typeof s !== 'string' || s.length <= HASH_SOURCE_MAX) return x;
    let d = digests.get(s);
    if (d === undefined) digests.set(s, (d = contentHash(s)));
    changed = true;
    return { ...x, source: d };
  };
  // Items sit one level down in a unit: in arrays (findings, notApplicable) or records (measures, tasks…).
  const units = body.units.map((u) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(u) as [string, unknown][])
      out[k] = Array.isArray(v)
        ? v.map(item)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([id, x]) => [id, item(x)]))
          : v;
    return out;
  });
  return changed ? { ...body, units } : body;
}

/** Where each unit came from, for messages. */
const ORIGINS = new WeakMap<Evidence, ReadonlyMap<string, UnitOrigins>>();

/** Where a unit came from (its first document), and where each of its items came from when files merged. */
interface UnitOrigins {
  readonly file: string | undefined;
  readonly path: readonly PathSegment[];
  /** `section\0key` (records), `findings\0id\0k` / `notApplicable\0node\0k` (k-th of that id), `warnings\0i`. */
  readonly items: Map<string, { file: string | undefined; path: readonly PathSegment[]; index?: number }>;
  warnings: number;
}

const RECORD_SECTIONS = ['attributes', 'measures', 'tasks', 'appraisals', 'surveys'] as const;

/** Records where each item of one document's unit came from, so a message names its own file, not the first. */
function noteItems(o: UnitOrigins, unit: UnitEvidence, file: string | undefined, path: readonly PathSegment[]): void {
  const at = { file, path };
  for (const section of RECORD_SECTIONS)
    for (const key of Object.keys(unit[section])) if (!o.items.has(`${section}\0${key}`)) o.items.set(`${section}\0${key}`, at);
  const list = (section: 'findings' | 'notApplicable', keys: readonly string[]) =>
    keys.forEach((key, index) => {
      let k = 0;
      while (o.items.has(`${section}\0${key}\0${k}`)) k++;
      o.items.set(`${section}\0${key}\0${k}`, { ...at, index });
    });
  list(
    'findings',
    unit.findings.map((f) => f.id),
  );
  list(
    'notApplicable',
    unit.notApplicable.map((n) => n.node),
  );
  for (const key of Object.keys(unit.lists ?? {})) if (!o.items.has(`lists\0${key}`)) o.items.set(`lists\0${key}`, at);
  (unit.warnings ?? []).forEach((_, index) => o.items.set(`warnings\0${o.warnings + index}`, { ...at, index }));
  o.warnings += unit.warnings?.length ?? 0;
}

/**
 * One evidence document: text (YAML/JSON) or parsed data, and its file name.
 *
 * @example `loadEvidence([{ data: yamlText, file: 'nhu-quynh.yaml' }, { data: { format: 'par-index/evidence@1', year: 2021, units: [] } }])`
 */
export interface EvidenceInput {
  /** YAML or JSON text, or data already parsed. */
  readonly data: unknown;
  /** The file name shown in messages. */
  readonly file?: string | undefined;
  /**
   * What the text is, when the caller knows (a request's content type): `json` reads it with the JSON parser and
   * JSON-worded messages. Without it, a `.json`/`.yaml` file name decides, then the first character.
   */
  readonly syntax?: 'json' | 'yaml' | undefined;
}

/**
 * Loads and merges evidence documents. A unit may appear in several documents (a manual file, measures
 * computed from dossier records, survey indices): its sections merge, and an item given twice is an error.
 * Throws {@link ParIndexError} with every problem (a clash, a missing provenance, a different year…).
 *
 * @example
 * ```ts
 * const ev = loadEvidence([{ data: yamlText, file: 'fixtures/van-lam-2021/nhu-quynh.yaml' }]);
 * ev.units[0].measures['dossiers.onTime'].source; // "Một cửa điện tử 2021"
 * ```
 */
export function loadEvidence(inputs: EvidenceInput | readonly EvidenceInput[], opts: { limits?: ParseLimits } = {}): Evidence {
  const list = Array.isArray(inputs) ? (inputs as readonly EvidenceInput[]) : [inputs as EvidenceInput];
  const issues: Issue[] = [];
  const units: UnitEvidence[] = [];
  const origins = new Map<string, UnitOrigins>();
  let year: number | undefined;
  let yearFile: string | undefined;
  let period: { from: string; to: string } | undefined;
  if (list.length === 0) {
    throw new ParIndexError([issue('evidence.missing', 'error', [], 'no evidence given', 'không có minh chứng')]);
  }
  for (const input of list) {
    const file = input.file;
    let doc: unknown;
    let locator: (() => Locator | undefined) | undefined;
    try {
      if (typeof input.data === 'string') {
        const parsed = parseTextLocated(input.data, { file, syntax: input.syntax, ...(opts.limits ? { limits: opts.limits } : {}) });
        doc = parsed.data;
        locator = parsed.locator;
      } else doc = input.data;
    } catch (e) {
      if (e instanceof ParIndexError) {
        pushAll(issues, e.issues);
        continue;
      }
      throw e;
    }
    // This file's problems get the line and column of their path when it was given as text.
    const from = issues.length;
    const place = () => {
      if (!locator || issues.length === from) return;
      const added = issues.splice(from);
      // One parse of the text for all of them; an issue naming another file (a unit given twice) is left as it is.
      const placed = locateIssues(
        added.filter((i) => i.file === file),
        doc,
        locator,
        undefined,
      );
      let k = 0;
      pushAll(
        issues,
        added.map((i) => (i.file === file ? placed[k++]! : i)),
      );
    };
    const f = checkFormat(doc, EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION, file, opts.limits);
    if (f.length) {
      pushAll(issues, f);
      continue;
    }
    // Parsed data from the caller is composed to NFC as text read from a file is (its depth was checked above).
    if (typeof input.data !== 'string') doc = nfcDeep(doc);
    const parsed = EvidenceFileSchema.safeParse(doc);
    if (!parsed.success) {
      pushAll(issues, fromZodIssues(parsed.error.issues, file));
      place();
      continue;
    }
    const d = parsed.data;
    if (year === undefined) {
      year = d.year;
      yearFile = file;
    } else if (d.year !== year) {
      issues.push(
        issue(
          'evidence.year-mismatch',
          'error',
          ['year'],
          `year ${d.year} differs from ${year} in ${yearFile ?? 'another document'}: evidence of one run covers one year`,
          `năm ${d.year} khác năm ${year} trong ${yearFile ?? 'tài liệu khác'}`,
          { file },
        ),
      );
    }
    if (d.period) {
      if (d.period.from > d.period.to)
        issues.push(
          issue(
            'evidence.inconsistent',
            'error',
            ['period'],
            `period starts ${d.period.from} after it ends ${d.period.to}`,
            `kỳ bắt đầu ${d.period.from} sau ngày kết thúc ${d.period.to}`,
            { file },
          ),
        );
      if (period && (period.from !== d.period.from || period.to !== d.period.to)) {
        issues.push(
          issue(
            'evidence.inconsistent',
            'error',
            ['period'],
            `period ${d.period.from}–${d.period.to} differs from ${period.from}–${period.to} of another document`,
            `kỳ ${d.period.from}–${d.period.to} khác kỳ ${period.from}–${period.to} của tài liệu khác`,
            { file },
          ),
        );
      }
      period ??= d.period;
    }
    d.units.forEach((u, i) => {
      const path: PathSegment[] = ['units', i];
      const unit = normalizeUnit(u, d.source, path, file, issues);
      const prev = origins.get(u.id);
      if (!prev) {
        const o: UnitOrigins = { file, path, items: new Map(), warnings: 0 };
        noteItems(o, unit, file, path);
        origins.set(u.id, o);
        units.push(unit);
        return;
      }
      noteItems(prev, unit, file, path);
      // The same unit in several documents (e.g. a manual file and measures computed from dossier records):
      // their sections merge; the same item given twice is an error naming both places.
      const at = units.findIndex((x) => x.id === u.id);
      const merged = mergeUnits(units[at]!, unit, { file: prev.file, path: prev.path }, { file, path }, issues);
      if (merged) units[at] = merged;
    });
    place();
  }
  ParIndexError.throwIfErrors(issues);
  const maxUnits = resolveLimits(opts.limits).maxUnits;
  if (units.length > maxUnits)
    throw beyondLimit(
      'maxUnits',
      units.length,
      maxUnits,
      { en: 'the evidence has too many units', vi: 'minh chứng có quá nhiều đơn vị' },
      ['units'],
      list.length === 1 ? list[0]!.file : undefined,
    );
  units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Keys in code-unit order, not in the order the files wrote them: the same evidence written with its keys in
  // another order (or merged from files in another order) must give byte-identical score files.
  const sorted = units.map((u) => ({
    ...u,
    attributes: sortKeys(u.attributes),
    measures: sortKeys(u.measures),
    tasks: sortKeys(u.tasks),
    appraisals: sortKeys(u.appraisals),
    surveys: sortKeys(u.surveys),
    ...(u.lists ? { lists: sortKeys(u.lists) } : {}),
  }));
  const body = { year: year!, ...(period ? { period } : {}), units: sorted };
  const ev = deepFreeze({ ...body, hash: contentHash(hashedUnits(body)) }) as Evidence;
  ORIGINS.set(ev, origins);
  return ev;
}

function sortKeys<T>(r: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function normalizeUnit(
  u: UnitEvidenceData,
  fileSource: string | undefined,
  path: PathSegment[],
  file: string | undefined,
  issues: Issue[],
): UnitEvidence {
  const fallback = u.source ?? fileSource;
  const src = (s: string | undefined, where: PathSegment[]): string => {
    const r = s ?? fallback;
    if (r === undefined) {
      issues.push(
        issue(
          'evidence.no-source',
          'error',
          [...path, ...where],
          'no provenance: give a source (the document number or system export) on the item, the unit or the file',
          'thiếu nguồn minh chứng: ghi source (số văn bản hoặc hệ thống) ở mục, đơn vị hoặc tệp',
          { file, unit: u.id },
        ),
      );
      return '';
    }
    return r;
  };
  const measures: Record<string, MeasureItem> = {};
  for (const [k, v] of Object.entries(u.measures)) {
    measures[k] =
      typeof v === 'number'
        ? { value: v, source: src(undefined, ['measures', k]) }
        : {
            value: v.value,
            source: src(v.source, ['measures', k]),
            ...(v.note ? { note: v.note } : {}),
            ...(v.rejected ? { rejected: v.rejected } : {}),
          };
  }
  const tasks: Record<string, TaskItem> = {};
  for (const [k, v] of Object.entries(u.tasks)) {
    tasks[k] = {
      done: v.done,
      source: src(v.source, ['tasks', k]),
      ...(v.deadline ? { deadline: v.deadline } : {}),
      ...(v.note ? { note: v.note } : {}),
    };
  }
  const appraisals: Record<string, AppraisalItem> = {};
  for (const [k, v] of Object.entries(u.appraisals)) appraisals[k] = { ...v, source: src(v.source, ['appraisals', k]) };
  const surveys: Record<string, SurveyItem> = {};
  for (const [k, v] of Object.entries(u.surveys)) {
    surveys[k] =
      typeof v === 'number' ? { value: v, source: src(undefined, ['surveys', k]) } : { ...v, source: src(v.source, ['surveys', k]) };
  }
  const findings: FindingItem[] = u.findings.map((f, i) => ({ ...f, source: src(f.source, ['findings', i]) }));
  const notApplicable = u.notApplicable.map((n, i) => ({ ...n, source: src(n.source, ['notApplicable', i]) }));
  let lists: Record<string, ListItem[]> | undefined;
  for (const [k, items] of Object.entries(u.lists ?? {})) {
    const ids = new Map<string, number>();
    (lists ??= {})[k] = items.map((it, i) => {
      // Items are told apart by their ids in traces and messages: two with one id would be two rows read as one.
      const first = ids.get(it.id);
      if (first !== undefined)
        issues.push(
          issue(
            'evidence.duplicate-item',
            'error',
            [...path, 'lists', k, i, 'id'],
            `item id "${it.id}" of list "${k}" is also item ${first + 1} of that list: each item of a list needs its own id`,
            `mã mục "${it.id}" của danh sách "${k}" trùng với mục thứ ${first + 1} của danh sách đó: mỗi mục cần một mã riêng`,
            { file, unit: u.id },
          ),
        );
      else ids.set(it.id, i);
      return {
        id: it.id,
        ...(it.title !== undefined ? { title: it.title } : {}),
        values: sortKeys(it.values),
        source: src(it.source, ['lists', k, i]),
        ...(it.note !== undefined ? { note: it.note } : {}),
      };
    });
  }
  return {
    id: u.id,
    name: u.name,
    ...(u.kind !== undefined ? { kind: u.kind } : {}),
    ...(u.parent !== undefined ? { parent: u.parent } : {}),
    attributes: u.attributes ?? {},
    measures,
    tasks,
    appraisals,
    surveys,
    findings,
    notApplicable,
    // Only when given: evidence without lists keeps its shape and its hash.
    ...(lists ? { lists } : {}),
    // Only when there are some: evidence without warnings keeps its shape and its hash.
    ...(u.warnings?.length ? { warnings: u.warnings } : {}),
  };
}

type Where = { file: string | undefined; path: readonly PathSegment[] };

function mergeUnits(a: UnitEvidence, b: UnitEvidence, wa: Where, wb: Where, issues: Issue[]): UnitEvidence | undefined {
  const before = issues.length;
  const where = (w: Where) => `${w.file ?? 'this document'} ${w.path.map((x) => (typeof x === 'number' ? `[${x}]` : x)).join('')}`;
  const clash = (section: string, key: string) =>
    issues.push(
      issue(
        'evidence.duplicate-item',
        'error',
        [...wb.path, section, key],
        `${section}.${key} of unit "${a.id}" is also given in ${where(wa)}: give each item once`,
        `${section}.${key} của đơn vị "${a.id}" đã có trong ${where(wa)}: mỗi mục chỉ khai một lần`,
        { file: wb.file, unit: a.id },
      ),
    );
  if (a.name !== b.name) {
    issues.push(
      issue(
        'evidence.inconsistent',
        'error',
        [...wb.path, 'name'],
        `unit "${a.id}" is named "${b.name}" here but "${a.name}" in ${where(wa)}`,
        `đơn vị "${a.id}" có tên "${b.name}" ở đây nhưng "${a.name}" trong ${where(wa)}`,
        { file: wb.file, unit: a.id },
      ),
    );
  }
  const mergeRecord = <T>(section: string, x: Readonly<Record<string, T>>, y: Readonly<Record<string, T>>): Record<string, T> => {
    const out: Record<string, T> = { ...x };
    for (const [k, v] of Object.entries(y)) {
      if (Object.prototype.hasOwnProperty.call(out, k)) clash(section, k);
      else out[k] = v;
    }
    return out;
  };
  const findingIds = new Set(a.findings.map((f) => f.id));
  for (const f of b.findings) if (findingIds.has(f.id)) clash('findings', f.id);
  const naNodes = new Set(a.notApplicable.map((n) => n.node));
  for (const n of b.notApplicable) if (naNodes.has(n.node)) clash('notApplicable', n.node);
  for (const k of ['kind', 'parent'] as const) {
    if (a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]) {
      issues.push(
        issue(
          'evidence.inconsistent',
          'error',
          [...wb.path, k],
          `unit "${a.id}" has ${k} "${b[k]}" here but "${a[k]}" in ${where(wa)}`,
          `đơn vị "${a.id}" có ${k} "${b[k]}" ở đây nhưng "${a[k]}" trong ${where(wa)}`,
          { file: wb.file, unit: a.id },
        ),
      );
    }
  }
  const merged: UnitEvidence = {
    id: a.id,
    name: a.name,
    ...((a.kind ?? b.kind) ? { kind: (a.kind ?? b.kind)! } : {}),
    ...((a.parent ?? b.parent) ? { parent: (a.parent ?? b.parent)! } : {}),
    attributes: mergeRecord('attributes', a.attributes, b.attributes),
    measures: mergeRecord('measures', a.measures, b.measures),
    tasks: mergeRecord('tasks', a.tasks, b.tasks),
    appraisals: mergeRecord('appraisals', a.appraisals, b.appraisals),
    surveys: mergeRecord('surveys', a.surveys, b.surveys),
    // Sorted when merged, so the evidence (and its hash) does not depend on the order of the files.
    findings: [...a.findings, ...b.findings].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    notApplicable: [...a.notApplicable, ...b.notApplicable].sort((x, y) => (x.node < y.node ? -1 : x.node > y.node ? 1 : 0)),
    ...(a.lists || b.lists ? { lists: mergeRecord('lists', a.lists ?? {}, b.lists ?? {}) } : {}),
    ...(a.warnings || b.warnings ? { warnings: [...(a.warnings ?? []), ...(b.warnings ?? [])] } : {}),
  };
  return issues.length === before ? merged : undefined;
}

/** Where a unit's evidence came from (file and path), for messages. */
export function unitOrigin(ev: Evidence, unitId: string): { file: string | undefined; path: readonly PathSegment[] } {
  const o = ORIGINS.get(ev)?.get(unitId);
  return o ? { file: o.file, path: o.path } : { file: undefined, path: ['units'] };
}

/**
 * Where one item of a unit came from: its file and its full path there. `sub` is the item's path inside the
 * merged unit (`['measures', id]`, `['findings', i, 'node']`…); `identity` names an array item (a finding's id, a
 * not-applicable node) and `k` which of that id it is, so a merged, sorted list still points into its own file.
 */
function itemOrigin(
  ev: Evidence,
  unitId: string,
  sub: readonly PathSegment[],
  identity?: { key: string; k: number },
): { file: string | undefined; path: readonly PathSegment[] } {
  const o = ORIGINS.get(ev)?.get(unitId);
  if (!o) return { file: undefined, path: ['units', ...sub] };
  const [section, key, ...rest] = sub;
  const item =
    identity !== undefined
      ? o.items.get(`${String(section)}\0${identity.key}\0${identity.k}`)
      : section === 'warnings'
        ? o.items.get(`warnings\0${String(key)}`)
        : o.items.get(`${String(section)}\0${String(key)}`);
  if (!item) return { file: o.file, path: [...o.path, ...sub] };
  return { file: item.file, path: [...item.path, section!, item.index ?? key!, ...rest] };
}

/**
 * Merged evidence as one `par-index/evidence@1` document: what an app sends to a page (or stores) after reading
 * the year's files and sources once, so the page scores every leaf from one JSON text. Loading it again gives
 * evidence with the same units, values and hash; only the files items are traced to become the document's.
 *
 * @example
 * ```ts
 * const doc = evidenceDocument(await readEvidenceSources(['fixtures/van-lam-2021'], { readers, set }));
 * const again = loadEvidence([{ data: JSON.stringify(doc), file: 'evidence.json', syntax: 'json' }]); // again.hash === ev.hash
 * ```
 */
export function evidenceDocument(ev: Evidence): {
  /** The format tag: `par-index/evidence@1`. */
  readonly format: string;
} & Omit<Evidence, 'hash'> {
  const { hash: _, ...body } = ev;
  void _;
  return deepFreeze({ format: `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}`, ...body });
}

/**
 * Checks evidence against a criteria set. Errors: names the set does not know — a measure or survey index it does
 * not declare, a task no rule reads, appraisals, findings or not-applicable entries naming nodes it does not
 * have (each with "did you mean …" suggestions) —, values out of a measure's declared range, a negative value of
 * a measure a rate divides, a year the set does not score. With `opts.lenient` the unknown names are warnings
 * instead. Warnings: survey indices the set declares but never reads; dates outside the period. `opts.years`
 * replaces the years the set scores (scoring as if the set covered another year).
 *
 * @example `checkEvidence(set, ev, { lenient: true }).filter((i) => i.severity === 'error')`
 */
export function checkEvidence(
  set: CriteriaSet,
  ev: Evidence,
  opts: { readonly years?: readonly number[]; readonly lenient?: boolean } = {},
): Issue[] {
  const out: Issue[] = [];
  const measures = measureDecls(set);
  const lists = listDecls(set);
  const nodes = new Map<string, { leaf: boolean; max: number | undefined }>();
  const tasksRead = new Set<string>();
  const surveysRead = new Set<string>();
  const measuresRead = conditionsRead(set);
  // A typo in a name must not score as missing evidence: unknown names stop the run unless asked to be lenient.
  const unknownSev = opts.lenient ? 'warning' : 'error';
  const lenientHint = opts.lenient
    ? { en: '', vi: '' }
    : { en: ' (score anyway, with a warning: --lenient)', vi: ' (vẫn chấm, kèm cảnh báo: --lenient)' };
  const hint = (name: string, known: Iterable<string>) => {
    const d = didYouMean(suggestNames(name, known));
    return { en: `${d.en}${lenientHint.en}`, vi: `${d.vi}${lenientHint.vi}` };
  };
  for (const loc of walk(set.tree)) {
    nodes.set(loc.node.id, { leaf: !loc.node.children?.length, max: loc.node.max });
    if (loc.node.rule) {
      const r = ruleKind(loc.node.rule.kind)?.reads(loc.node.rule);
      r?.tasks?.forEach((x) => tasksRead.add(x));
      r?.surveys?.forEach((x) => surveysRead.add(x));
      r?.measures?.forEach((x) => measuresRead.add(x));
    }
  }
  // Tasks a grade condition reads over items are read too (a task's deadline is judged there).
  for (const l of set.bands?.levels ?? [])
    for (const c of l.requires ?? []) for (const x of c.items?.tasks ?? []) tasksRead.add(typeof x === 'string' ? x : x.task);
  const years = opts.years ?? set.years;
  if (!years.includes(ev.year)) {
    out.push(
      issue(
        'evidence.year-mismatch',
        'error',
        ['year'],
        `the evidence is for ${ev.year}; criteria set ${set.id} ${set.version} scores ${years.join(', ')}`,
        `minh chứng năm ${ev.year}; bộ tiêu chí ${set.id} ${set.version} áp dụng cho năm ${years.join(', ')}`,
      ),
    );
  }
  const inPeriod = (d: string | undefined): boolean => !d || !ev.period || (d >= ev.period.from && d <= ev.period.to);
  for (const u of ev.units) {
    // The k-th finding (not-applicable entry) of each id, in the merged order, to find its own file and index.
    const kth = (keys: readonly string[]) => {
      const seen = new Map<string, number>();
      return keys.map((key) => {
        const k = seen.get(key) ?? 0;
        seen.set(key, k + 1);
        return { key, k };
      });
    };
    const findingIdentity = kth(u.findings.map((f) => f.id));
    const naIdentity = kth(u.notApplicable.map((n) => n.node));
    const at = (code: Parameters<typeof issue>[0], sev: 'error' | 'warning', sub: PathSegment[], en: string, vi: string, node?: string) => {
      const i = typeof sub[1] === 'number' ? sub[1] : -1;
      const identity = sub[0] === 'findings' ? findingIdentity[i] : sub[0] === 'notApplicable' ? naIdentity[i] : undefined;
      const o = itemOrigin(ev, u.id, sub, identity);
      out.push(issue(code, sev, o.path, en, vi, { file: o.file, unit: u.id, node }));
    };
    // Appraisals, findings and not-applicable entries name nodes the same way: one check for the three.
    const knownNode = (node: string, sub: PathSegment[]): void => {
      if (nodes.has(node)) return;
      const h = hint(node, nodes.keys());
      at(
        'evidence.unknown-node',
        unknownSev,
        sub,
        `criteria set ${set.id} has no node "${node}"${h.en}`,
        `bộ tiêu chí ${set.id} không có tiêu chí "${node}"${h.vi}`,
        node,
      );
    };
    // What the figures' source found wrong with them (a part-whole gap in a portal table…) is on the card.
    u.warnings?.forEach((w, i) =>
      at(
        (ISSUE_CODES as readonly string[]).includes(w.code) ? (w.code as IssueCode) : 'evidence.inconsistent',
        'warning',
        ['warnings', i],
        w.message,
        w.messageVi,
      ),
    );
    for (const [id, m] of Object.entries(u.measures)) {
      const d = measures.get(id);
      if (!d) {
        const h = hint(id, measures.keys());
        at(
          'evidence.unknown-measure',
          unknownSev,
          ['measures', id],
          `measure "${id}" is not declared by criteria set ${set.id} and is not read${h.en}`,
          `chỉ số "${id}" không có trong bộ tiêu chí ${set.id} nên không được sử dụng${h.vi}`,
        );
        continue;
      }
      if (!measuresRead.has(id)) continue;
      if ((d.min !== undefined && m.value < d.min) || (d.max !== undefined && m.value > d.max)) {
        at(
          'evidence.out-of-range',
          'error',
          ['measures', id],
          `${m.value} is outside the declared range [${d.min ?? '−∞'}, ${d.max ?? '∞'}] of "${id}" (${d.unit})`,
          `${m.value} nằm ngoài khoảng [${d.min ?? '−∞'}, ${d.max ?? '∞'}] của chỉ số "${id}"`,
        );
      } else if (d.integer && !Number.isInteger(m.value)) {
        at(
          'evidence.out-of-range',
          'error',
          ['measures', id],
          `"${id}" counts whole items; got ${m.value}`,
          `"${id}" là số đếm nguyên; nhận được ${m.value}`,
        );
      }
    }
    for (const [id, tk] of Object.entries(u.tasks)) {
      if (!tasksRead.has(id)) {
        const h = hint(id, tasksRead);
        at(
          'evidence.unknown-task',
          unknownSev,
          ['tasks', id],
          `task "${id}" is not read by any rule of ${set.id}${h.en}`,
          `nhiệm vụ "${id}" không được tiêu chí nào sử dụng${h.vi}`,
        );
      }
      if (!inPeriod(tk.done ?? undefined))
        at(
          'evidence.date-outside-period',
          'warning',
          ['tasks', id, 'done'],
          `done on ${tk.done}, outside the period ${ev.period!.from}–${ev.period!.to}`,
          `hoàn thành ngày ${tk.done}, ngoài kỳ ${ev.period!.from}–${ev.period!.to}`,
        );
    }
    for (const [id, s] of Object.entries(u.surveys)) {
      if (!Object.prototype.hasOwnProperty.call(set.surveys, id)) {
        const h = hint(id, Object.keys(set.surveys));
        at(
          'evidence.unknown-measure',
          unknownSev,
          ['surveys', id],
          `survey index "${id}" is not declared by criteria set ${set.id} and is not read${h.en}`,
          `chỉ số khảo sát "${id}" không có trong bộ tiêu chí ${set.id} nên không được sử dụng${h.vi}`,
        );
      } else if (!surveysRead.has(id))
        at(
          'evidence.unknown-measure',
          'warning',
          ['surveys', id],
          `survey index "${id}" is not read by any rule of ${set.id}`,
          `chỉ số khảo sát "${id}" không được tiêu chí nào sử dụng`,
        );
      if (s.value < 0 || s.value > 100)
        at(
          'evidence.out-of-range',
          'error',
          ['surveys', id, 'value'],
          `a survey index is a percentage in [0, 100]; got ${s.value}`,
          `chỉ số khảo sát là tỷ lệ % trong [0, 100]; nhận được ${s.value}`,
        );
    }
    for (const [node, a] of Object.entries(u.appraisals)) {
      knownNode(node, ['appraisals', node]);
      for (const k of ['self', 'round1', 'round2'] as const) {
        const v = a[k];
        if (v !== undefined && v < 0)
          at(
            'evidence.out-of-range',
            'error',
            ['appraisals', node, k],
            `points cannot be negative; got ${v}`,
            `điểm không thể âm; nhận được ${v}`,
            node,
          );
      }
    }
    const fids = new Set<string>();
    u.findings.forEach((f, i) => {
      knownNode(f.node, ['findings', i, 'node']);
      if (fids.has(f.id))
        at('evidence.duplicate-item', 'error', ['findings', i, 'id'], `duplicate finding id "${f.id}"`, `mã phát hiện "${f.id}" bị trùng`);
      fids.add(f.id);
      if (!inPeriod(f.date))
        at(
          'evidence.date-outside-period',
          'warning',
          ['findings', i, 'date'],
          `found on ${f.date}, outside the period`,
          `phát hiện ngày ${f.date}, ngoài kỳ đánh giá`,
        );
      if (f.fixedOn && f.date && f.fixedOn < f.date)
        at(
          'evidence.inconsistent',
          'error',
          ['findings', i, 'fixedOn'],
          `fixed on ${f.fixedOn}, before it was found on ${f.date}`,
          `khắc phục ngày ${f.fixedOn}, trước ngày phát hiện ${f.date}`,
        );
    });
    const na = new Set<string>();
    u.notApplicable.forEach((n, i) => {
      knownNode(n.node, ['notApplicable', i, 'node']);
      if (na.has(n.node))
        at(
          'evidence.duplicate-item',
          'error',
          ['notApplicable', i, 'node'],
          `node "${n.node}" is declared not applicable twice`,
          `tiêu chí "${n.node}" được khai báo không áp dụng hai lần`,
          n.node,
        );
      na.add(n.node);
    });
    // Lists are checked as measures are: a list or a field the set does not declare, a value outside its range.
    for (const [id, items] of Object.entries(u.lists ?? {})) {
      const d = lists.get(id);
      if (!d) {
        const h = hint(id, lists.keys());
        at(
          'evidence.unknown-list',
          unknownSev,
          ['lists', id],
          `list "${id}" is not declared by criteria set ${set.id} and is not read${h.en}`,
          `danh sách "${id}" không có trong bộ tiêu chí ${set.id} nên không được sử dụng${h.vi}`,
        );
        continue;
      }
      items.forEach((item, k) => {
        for (const [f, v] of Object.entries(item.values)) {
          const fd = d.fields.get(f);
          const where: PathSegment[] = ['lists', id, k, 'values', f];
          if (!fd) {
            const h = hint(f, d.fields.keys());
            at(
              'evidence.unknown-list',
              unknownSev,
              where,
              `list "${id}" declares no field "${f}" (item "${item.id}")${h.en}`,
              `danh sách "${id}" không có trường "${f}" (mục "${item.id}")${h.vi}`,
            );
          } else if ((fd.min !== undefined && v < fd.min) || (fd.max !== undefined && v > fd.max))
            at(
              'evidence.out-of-range',
              'error',
              where,
              `${v} is outside the declared range [${fd.min ?? '−∞'}, ${fd.max ?? '∞'}] of field "${f}" of list "${id}" (${fd.unit}; item "${item.id}")`,
              `${v} nằm ngoài khoảng [${fd.min ?? '−∞'}, ${fd.max ?? '∞'}] của trường "${f}" trong danh sách "${id}" (mục "${item.id}")`,
            );
          else if (fd.integer && !Number.isInteger(v))
            at(
              'evidence.out-of-range',
              'error',
              where,
              `field "${f}" of list "${id}" counts whole items; got ${v} (item "${item.id}")`,
              `trường "${f}" của danh sách "${id}" là số đếm nguyên; nhận được ${v} (mục "${item.id}")`,
            );
        }
      });
    }
  }
  return out;
}
