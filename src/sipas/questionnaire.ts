/**
 * Loading a questionnaire (nạp bộ câu hỏi): parse, check the format version, validate the schema, run the
 * semantic checks, freeze and hash — as criteria sets are loaded. And the compiled answer layout every tally of
 * the questionnaire shares.
 * @module
 */
import { deepFreeze, type ParseLimits } from '../core/document.js';
import { issue, type Issue, ParIndexError, type PathSegment } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { checkDocument } from '../core/zod-helpers.js';
import {
  effectiveOf,
  hasPart,
  ProvenanceCollector,
  type EffectiveProvenance,
  type ProvenanceData,
  type ProvenanceReport,
} from '../criteria/provenance.js';
import {
  QUESTIONNAIRE_FORMAT,
  QUESTIONNAIRE_FORMAT_VERSION,
  QuestionnaireSchema,
  type ItemData,
  type Measure,
  type OptionLegal,
  type QuestionnaireData,
} from './schema.js';

/**
 * A checked, frozen questionnaire (bộ câu hỏi) with its content hash. Tallies and results name the hash, so a
 * tally cannot be read against another version of the instrument.
 *
 * @example `loadQuestionnaire(text).hash // 'sha256:…'`
 */
export type Questionnaire = QuestionnaireData & {
  /** `sha256:…` of the questionnaire's canonical JSON. */
  readonly hash: string;
  /** The file it was loaded from, when known. */
  readonly file?: string | undefined;
  /** Paths (as text) of every option and item marked "unverified", for reports. */
  readonly unverified: readonly string[];
  /** What the questionnaire says about its own certainty: its assumptions, and entries that declare nothing. */
  readonly provenanceReport: ProvenanceReport;
};

/**
 * The result of {@link checkQuestionnaire}: every problem, and the questionnaire when there is no error.
 *
 * @example `checkQuestionnaire(text).ok // false, with every issue listed`
 */
export interface QuestionnaireCheck {
  /** True when there is no error. */
  readonly ok: boolean;
  /** Every problem found. */
  readonly issues: readonly Issue[];
  /** The loaded questionnaire, present only when there is no error. */
  readonly questionnaire?: Questionnaire;
}

/**
 * Checks a questionnaire given as YAML/JSON text or parsed data, without throwing.
 *
 * @example
 * ```ts
 * const r = checkQuestionnaire(yamlText, { file: 'questionnaires/sipas-2640-2017.yaml' });
 * if (!r.ok) for (const i of r.issues) console.log(formatIssue(i, 'vi'));
 * ```
 */
export function checkQuestionnaire(input: unknown, opts: { file?: string | undefined; limits?: ParseLimits } = {}): QuestionnaireCheck {
  const r = checkDocument(input, opts, {
    format: QUESTIONNAIRE_FORMAT,
    version: QUESTIONNAIRE_FORMAT_VERSION,
    schema: QuestionnaireSchema,
    semantics: (d) => checkQuestionnaireSemantics(d),
  });
  if (!r.ok) return r;
  return { ok: true, issues: r.issues, questionnaire: freeze(r.data, opts.file) };
}

/**
 * Loads a questionnaire, throwing {@link ParIndexError} listing every error.
 *
 * @example
 * ```ts
 * const q = loadQuestionnaire(readFileSync('questionnaires/sipas-2640-2017.yaml', 'utf8'), { file: 'sipas-2640-2017.yaml' });
 * q.items.length; // 32: 22 criteria, and one satisfaction and one expectation item per factor
 * ```
 */
export function loadQuestionnaire(input: unknown, opts: { file?: string | undefined; limits?: ParseLimits } = {}): Questionnaire {
  const r = checkQuestionnaire(input, opts);
  if (!r.ok || !r.questionnaire) throw new ParIndexError(r.issues.filter((i) => i.severity === 'error'));
  return r.questionnaire;
}

function freeze(data: QuestionnaireData, file: string | undefined): Questionnaire {
  // The hash covers the validated data only, so YAML and JSON copies of one questionnaire share it.
  const hash = contentHash(data);
  const q = { ...structuredClone(data), hash };
  Object.defineProperty(q, 'file', { enumerable: false, value: file });
  Object.defineProperty(q, 'unverified', { enumerable: false, value: Object.freeze(unverifiedPaths(data)) });
  Object.defineProperty(q, 'provenanceReport', { enumerable: false, value: deepFreeze(questionnaireProvenance(data, file)) });
  return deepFreeze(q) as Questionnaire;
}

/** The options of a questionnaire that are declared, by name. */
function optionEntries(d: QuestionnaireData): [string, { legal: OptionLegal; provenance?: ProvenanceData | undefined }][] {
  const out: [string, { legal: OptionLegal; provenance?: ProvenanceData | undefined }][] = [];
  for (const [k, o] of Object.entries(d.options) as [string, { legal: OptionLegal; provenance?: ProvenanceData | undefined } | undefined][])
    if (o !== undefined) out.push([k, o]);
  return out;
}

function unverifiedPaths(d: QuestionnaireData): string[] {
  const out: string[] = [];
  for (const [k, o] of optionEntries(d)) if (o.legal === 'unverified') out.push(`options.${k}`);
  for (const [k, s] of Object.entries(d.scales)) if (s.satisfied?.legal === 'unverified') out.push(`scales.${k}.satisfied`);
  d.items.forEach((it) => {
    if (it.wording === 'unverified') out.push(`items.${it.id}`);
  });
  return out;
}

/** Every entry of a questionnaire with its own provenance, the one it inherits, and its earlier "unverified" mark. */
interface QEntry {
  readonly path: readonly (string | number)[];
  readonly label: string;
  readonly own: ProvenanceData | undefined;
  readonly inherited: EffectiveProvenance | undefined;
  /** The entry itself, for `assumptions[].at`. */
  readonly owner: unknown;
  /** The earlier marks: `wording: unverified` / `legal: unverified` (true), `wording: verified` ('verified'). */
  readonly legacy?: 'unverified' | 'verified' | undefined;
  /** How many entries inherit this one's provenance besides itself (a group's items). */
  readonly heirs: number;
}

function entriesOf(d: QuestionnaireData): QEntry[] {
  const top = d.provenance ? effectiveOf(d.provenance, ['provenance']) : undefined;
  const eff = (own: ProvenanceData | undefined, path: readonly (string | number)[], inherited: EffectiveProvenance | undefined) =>
    own ? effectiveOf(own, [...path, 'provenance']) : inherited;
  const out: QEntry[] = [];
  for (const [k, sc] of Object.entries(d.scales)) {
    out.push({
      path: ['scales', k],
      label: `scales.${k}`,
      own: sc.provenance,
      inherited: top,
      owner: sc,
      heirs: sc.satisfied && !sc.satisfied.provenance ? 1 : 0,
    });
    if (sc.satisfied) {
      out.push({
        path: ['scales', k, 'satisfied'],
        label: `scales.${k}.satisfied`,
        own: sc.satisfied.provenance,
        inherited: eff(sc.provenance, ['scales', k], top),
        owner: sc.satisfied,
        legacy: sc.satisfied.legal === 'unverified' ? 'unverified' : undefined,
        heirs: 0,
      });
    }
  }
  const groupEff = new Map<string, EffectiveProvenance | undefined>();
  d.groups.forEach((g, i) => {
    groupEff.set(g.id, eff(g.provenance, ['groups', i], top));
    const heirs = d.items.filter((it) => it.group === g.id && !it.provenance && it.wording !== 'unverified').length;
    // A group's assumptions may be about its items (`at: items`): the group owns them, though the file lists them apart.
    out.push({
      path: ['groups', i],
      label: `groups.${g.id}`,
      own: g.provenance,
      inherited: top,
      owner: { ...g, items: d.items.filter((it) => it.group === g.id) },
      heirs,
    });
  });
  d.items.forEach((it, i) => {
    out.push({
      path: ['items', i],
      label: `items.${it.id}`,
      own: it.provenance,
      inherited: groupEff.get(it.group) ?? top,
      owner: it,
      legacy: it.wording === 'unverified' ? 'unverified' : it.wording === 'verified' ? 'verified' : undefined,
      heirs: 0,
    });
  });
  for (const [k, o] of optionEntries(d)) {
    out.push({
      path: ['options', k],
      label: `options.${k}`,
      own: o.provenance,
      inherited: top,
      owner: o,
      legacy: o.legal === 'unverified' ? 'unverified' : undefined,
      heirs: 0,
    });
  }
  return out;
}

/**
 * What a questionnaire says about its own certainty: every assumption (the questionnaire, a scale, a group, an
 * item or an option whose provenance is `assumed`, each entry of an `assumptions` list, and every earlier
 * `wording: unverified` / `legal: unverified` mark not already covered by an assumed provenance — items once per
 * group), and the entries that declare no provenance. Items inherit their group's provenance, a scale's answer
 * rule its scale's, everything the questionnaire's; an entry's own "unverified" mark overrides what it inherits.
 *
 * @example `questionnaireProvenance(q, 'questionnaires/sipas-1001-2023.yaml').assumptions.length`
 */
export function questionnaireProvenance(d: QuestionnaireData, file?: string): ProvenanceReport {
  const c = new ProvenanceCollector();
  const top = d.provenance ? effectiveOf(d.provenance, ['provenance']) : undefined;
  const entries = entriesOf(d);
  const topHeirs = entries.filter((e) => !e.own && e.legacy !== 'unverified' && e.inherited === top && top !== undefined).length;
  c.declared(d.provenance, top, [], 'questionnaire', 1 + topHeirs);
  // Items marked `wording: unverified` are reported once per group ("1.1, 1.2, 1.3: wording unverified"), not once
  // per item: the statement is the same, and the group is where a reader looks.
  const legacyItems = new Map<string, string[]>();
  for (const e of entries) {
    const own = e.own ? effectiveOf(e.own, [...e.path, 'provenance']) : undefined;
    c.declared(e.own, own, e.path, e.label, 1 + e.heirs);
    // The entry's own provenance comes first, then its own "unverified" mark, then what it inherits.
    if (!own && e.legacy === 'unverified' && e.inherited?.status !== 'assumed') {
      const note = e.path[0] === 'items' ? ITEM_NOTE : OPTION_NOTE;
      if (e.path[0] === 'items') {
        const g = (e.owner as ItemData).group;
        legacyItems.set(g, [...(legacyItems.get(g) ?? []), (e.owner as ItemData).id]);
      } else c.assumptions.push({ path: e.path, label: e.label, note, covers: 1 });
      c.entry({ status: 'assumed', note, from: e.path }, e.path, e.label);
    } else c.entry(own ?? e.inherited, e.path, e.label);
  }
  d.groups.forEach((g, i) => {
    const ids = legacyItems.get(g.id);
    if (ids)
      c.assumptions.push({
        path: ['groups', i],
        label: `groups.${g.id}`,
        at: 'items',
        note: `${ids.join(', ')} — ${ITEM_NOTE}`,
        covers: ids.length,
      });
  });
  return c.report('questionnaire', file);
}

const ITEM_NOTE = "wording: unverified — the wording was not checked against the decision's text / câu chữ chưa đối chiếu với văn bản";
const OPTION_NOTE = 'legal: unverified — no text read states this choice / chưa tìm thấy văn bản nào quy định lựa chọn này';

const err = (path: PathSegment[], en: string, vi: string): Issue => issue('sipas.questionnaire', 'error', path, en, vi);

/**
 * Provenance must not contradict the earlier marks (an item `wording: verified` whose provenance is assumed, an
 * option `legal: unverified` whose provenance says verified), and an assumption must name a part its entry has.
 */
function checkProvenance(d: QuestionnaireData): Issue[] {
  const out: Issue[] = [];
  const top = d.provenance;
  const check = (p: ProvenanceData | undefined, path: readonly PathSegment[], owner: unknown) => {
    (p?.assumptions ?? []).forEach((a, i) => {
      if (!hasPart(owner, a.at))
        out.push(
          err(
            [...path, 'provenance', 'assumptions', i, 'at'],
            `the assumption is about "${a.at}", which this entry does not have`,
            `giả định nói về "${a.at}" nhưng mục này không có phần đó`,
          ),
        );
    });
  };
  check(top, [], d);
  for (const e of entriesOf(d)) {
    check(e.own, e.path, e.owner);
    const eff = e.own ? effectiveOf(e.own, [...e.path, 'provenance']) : e.inherited;
    if (eff === undefined) continue;
    const sure = eff.status !== 'assumed';
    const where = [...eff.from];
    // An entry's own "unverified" mark overrides what it inherits; only its own provenance can contradict it.
    if (e.legacy === 'unverified' && sure && e.own) {
      out.push(
        err(
          e.path[0] === 'items' ? [...e.path, 'wording'] : [...e.path, 'legal'],
          `${e.label} is marked unverified but its provenance (${where.join('.')}) says ${eff.status}: mark it assumed, or give the source and drop "unverified"`,
          `${e.label} ghi "unverified" nhưng nguồn gốc (${where.join('.')}) ghi ${eff.status}: ghi assumed, hoặc nêu nguồn và bỏ "unverified"`,
        ),
      );
    }
    if (e.legacy === 'verified' && !sure) {
      out.push(
        err(
          [...e.path, 'wording'],
          `${e.label} has wording: verified but its provenance (${where.join('.')}) is assumed: give the source the wording was checked against`,
          `${e.label} ghi wording: verified nhưng nguồn gốc (${where.join('.')}) là assumed: nêu nguồn đã dùng để đối chiếu câu chữ`,
        ),
      );
    }
  }
  return out;
}

/** The semantic checks: references resolve, codes do not clash, each option can be applied. */
function checkQuestionnaireSemantics(d: QuestionnaireData): Issue[] {
  const out: Issue[] = [];
  out.push(...checkProvenance(d));
  for (const [sid, s] of Object.entries(d.scales)) {
    const seen = new Map<number, string>();
    const claim = (code: number, what: string, path: PathSegment[]) => {
      const prev = seen.get(code);
      if (prev !== undefined)
        out.push(
          err(
            path,
            `code ${code} is both ${prev} and ${what} in scale "${sid}"`,
            `mã ${code} vừa là ${prev} vừa là ${what} trong thang "${sid}"`,
          ),
        );
      else seen.set(code, what);
    };
    s.levels.forEach((l, i) => claim(l.code, `level "${l.label}"`, ['scales', sid, 'levels', i, 'code']));
    s.noOpinion?.codes.forEach((c, i) => claim(c, '"no opinion"', ['scales', sid, 'noOpinion', 'codes', i]));
    s.notApplicable?.codes.forEach((c, i) => claim(c, '"does not apply"', ['scales', sid, 'notApplicable', 'codes', i]));
    const levels = new Set(s.levels.map((l) => l.code));
    if (!s.satisfied) continue;
    s.satisfied.codes.forEach((c, i) => {
      if (!levels.has(c))
        out.push(
          err(
            ['scales', sid, 'satisfied', 'codes', i],
            `satisfied code ${c} is not a level of scale "${sid}" (levels: ${[...levels].join(', ')})`,
            `mã hài lòng ${c} không phải một mức của thang "${sid}" (các mức: ${[...levels].join(', ')})`,
          ),
        );
    });
    if (s.satisfied.codes.length >= s.levels.length) {
      out.push(
        err(
          ['scales', sid, 'satisfied', 'codes'],
          `every level of scale "${sid}" counts as satisfied: the index would always be 100`,
          `mọi mức của thang "${sid}" đều tính là hài lòng: chỉ số luôn bằng 100`,
        ),
      );
    }
  }
  const groups = new Map<string, number>();
  d.groups.forEach((g, i) => {
    if (groups.has(g.id)) out.push(err(['groups', i, 'id'], `duplicate group id "${g.id}"`, `mã nhóm "${g.id}" bị trùng`));
    groups.set(g.id, i);
  });
  const items = new Map<string, ItemData>();
  const columns = new Map<string, string>();
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[_\s]+/g, ' ')
      .trim();
  d.items.forEach((it, i) => {
    if (items.has(it.id)) out.push(err(['items', i, 'id'], `duplicate item id "${it.id}"`, `mã câu hỏi "${it.id}" bị trùng`));
    items.set(it.id, it);
    if (!groups.has(it.group))
      out.push(
        err(
          ['items', i, 'group'],
          `unknown group "${it.group}" (groups: ${[...groups.keys()].join(', ')})`,
          `nhóm "${it.group}" không tồn tại (các nhóm: ${[...groups.keys()].join(', ')})`,
        ),
      );
    const sc = d.scales[it.scale];
    if (!sc)
      out.push(
        err(
          ['items', i, 'scale'],
          `unknown scale "${it.scale}" (scales: ${Object.keys(d.scales).join(', ')})`,
          `thang đo "${it.scale}" không tồn tại (các thang: ${Object.keys(d.scales).join(', ')})`,
        ),
      );
    else if (!sc.satisfied && it.measure !== 'perception') {
      // A satisfaction index or an expectation share needs to know which answers count; only a perception
      // question may report the share of each of its options instead.
      out.push(
        err(
          ['items', i, 'scale'],
          `a ${it.measure} item needs a scale that says which answers count (satisfied); scale "${it.scale}" has none`,
          `câu hỏi ${it.measure === 'satisfaction' ? 'hài lòng' : 'mong đợi'} cần thang đo nêu rõ câu trả lời nào được tính (satisfied); thang "${it.scale}" không có`,
        ),
      );
    }
    const g = d.groups.find((x) => x.id === it.group);
    if (g?.kind === 'question' && it.measure === 'satisfaction') {
      out.push(
        err(
          ['items', i, 'measure'],
          `group "${g.id}" is a question outside the satisfaction structure: it cannot hold a satisfaction item (put it in a factor or a content)`,
          `nhóm "${g.id}" là câu hỏi ngoài cấu trúc chỉ số hài lòng: không chứa câu hỏi hài lòng (đặt vào một yếu tố hoặc nội dung)`,
        ),
      );
    }
    for (const [j, c] of [it.id, ...(it.columns ?? [])].entries()) {
      const f = fold(c);
      const prev = columns.get(f);
      if (prev !== undefined && prev !== it.id)
        out.push(
          err(
            ['items', i, 'columns', j],
            `column header "${c}" is also claimed by item "${prev}"`,
            `tiêu đề cột "${c}" đã thuộc câu hỏi "${prev}"`,
          ),
        );
      columns.set(f, it.id);
    }
  });
  const satisfactionIn = (gid: string) => d.items.filter((it) => it.group === gid && it.measure === 'satisfaction');
  d.groups.forEach((g, i) => {
    if (g.kind !== 'question' && g.part === undefined) {
      out.push(
        err(
          ['groups', i, 'part'],
          `group "${g.id}" is a ${g.kind}: say which part it belongs to (services or policy)`,
          `nhóm "${g.id}" là ${g.kind === 'factor' ? 'yếu tố' : 'nội dung'}: cần nêu phần (services hoặc policy)`,
        ),
      );
    }
    if (g.overallItem !== undefined) {
      const it = items.get(g.overallItem);
      if (!it) out.push(err(['groups', i, 'overallItem'], `unknown item "${g.overallItem}"`, `câu hỏi "${g.overallItem}" không tồn tại`));
      else if (it.group !== g.id || it.measure !== 'satisfaction')
        out.push(
          err(
            ['groups', i, 'overallItem'],
            `item "${g.overallItem}" must be a satisfaction item of group "${g.id}"`,
            `câu hỏi "${g.overallItem}" phải là câu hỏi hài lòng thuộc nhóm "${g.id}"`,
          ),
        );
    }
    if (d.options.group.method === 'overall-item' && g.overallItem === undefined && satisfactionIn(g.id).length > 0) {
      out.push(
        err(
          ['groups', i, 'overallItem'],
          `options.group.method is overall-item but group "${g.id}" names no overallItem`,
          `options.group.method là overall-item nhưng nhóm "${g.id}" không có overallItem`,
        ),
      );
    }
  });
  const partHas = (p: string) => d.groups.some((g) => g.part === p && satisfactionIn(g.id).length > 0);
  const needed = d.options.overall.method === 'mean-of-parts' ? ['services', 'policy'] : [d.options.overall.method];
  for (const p of needed) {
    if (!partHas(p))
      out.push(
        err(
          ['options', 'overall', 'method'],
          `options.overall.method "${d.options.overall.method}" needs satisfaction items in part "${p}", and there are none`,
          `options.overall.method "${d.options.overall.method}" cần câu hỏi hài lòng thuộc phần "${p}" nhưng không có`,
        ),
      );
  }
  const indexIds = new Set(['overall', 'services', 'policy', ...groups.keys()]);
  d.published.forEach((p, i) => {
    if (!indexIds.has(p.index))
      out.push(
        err(
          ['published', i, 'index'],
          `unknown index "${p.index}" (overall, services, policy or a group id)`,
          `chỉ số "${p.index}" không tồn tại (overall, services, policy hoặc mã nhóm)`,
        ),
      );
  });
  return out;
}

/**
 * The code used for "no answer" (an empty cell) in typed rows.
 *
 * @example `tallier.add(unit, [5, 4, BLANK])`
 */
export const BLANK = 255;

/**
 * What an answer slot holds.
 *
 * @example `layoutOf(q).items[0].kinds // ['level', 'level', 'level', 'level', 'level', 'no-opinion', 'blank']`
 */
export type SlotKind = 'level' | 'no-opinion' | 'not-applicable' | 'blank';

/**
 * One item's answer slots in a tally: its levels, special codes, and the blank slot, in that order.
 *
 * @example `layoutOf(q).byId.get('3.1')?.offset // 66`
 */
export interface ItemLayout {
  /** The item's id. */
  readonly id: string;
  /** Its position in the questionnaire. */
  readonly index: number;
  /** Its group's id. */
  readonly group: string;
  /** What it measures. */
  readonly measure: Measure;
  /** Its answer scale's id. */
  readonly scale: string;
  /** The answer code of each slot; {@link BLANK} for "no answer". */
  readonly codes: readonly number[];
  /** What each slot is: a level, "no opinion", "not applicable" or blank. */
  readonly kinds: readonly SlotKind[];
  /** Whether each slot counts as satisfied (a satisfied level). */
  readonly satisfied: readonly boolean[];
  /**
   * Whether the item has an index: its scale says which answers count. An item on a categorical scale without
   * `satisfied` reports the share of each option instead.
   */
  readonly indexed: boolean;
  /** Where the item's first slot is in a unit's arrays. */
  readonly offset: number;
}

/**
 * The compiled answer layout of a questionnaire: every item's slots and where they lie in a unit's fixed-size
 * tally arrays. `slotOf[item × 256 + code]` is the position of that answer, or -1 when the code is not on the
 * item's scale.
 *
 * @example `layoutOf(q).slotOf[0 * 256 + 4] // position of answer 4 of the first item`
 */
export interface Layout {
  /** Every item's slots, in the questionnaire's order. */
  readonly items: readonly ItemLayout[];
  /** Length of a unit's tally arrays. */
  readonly size: number;
  /** Slot of each item × 256 + answer code; -1 when the code is not on the item's scale. */
  readonly slotOf: Int32Array;
  /** Items by id. */
  readonly byId: ReadonlyMap<string, ItemLayout>;
}

const LAYOUTS = new WeakMap<Questionnaire, Layout>();

/**
 * The answer layout of a questionnaire (computed once per questionnaire object).
 *
 * @example layoutOf(q).size // e.g. 33 items × 8 slots = 264
 */
export function layoutOf(q: Questionnaire): Layout {
  const cached = LAYOUTS.get(q);
  if (cached) return cached;
  const items: ItemLayout[] = [];
  const slotOf = new Int32Array(q.items.length * 256).fill(-1);
  let offset = 0;
  q.items.forEach((it, index) => {
    const s = q.scales[it.scale]!;
    const codes: number[] = [];
    const kinds: SlotKind[] = [];
    const sat: boolean[] = [];
    const satisfied = new Set(s.satisfied?.codes ?? []);
    for (const l of s.levels) {
      codes.push(l.code);
      kinds.push('level');
      sat.push(satisfied.has(l.code));
    }
    for (const c of s.noOpinion?.codes ?? []) {
      codes.push(c);
      kinds.push('no-opinion');
      sat.push(false);
    }
    for (const c of s.notApplicable?.codes ?? []) {
      codes.push(c);
      kinds.push('not-applicable');
      sat.push(false);
    }
    codes.push(BLANK);
    kinds.push('blank');
    sat.push(false);
    codes.forEach((c, k) => {
      slotOf[index * 256 + c] = offset + k;
    });
    items.push(
      Object.freeze({
        id: it.id,
        index,
        group: it.group,
        measure: it.measure,
        scale: it.scale,
        codes: Object.freeze(codes),
        kinds: Object.freeze(kinds),
        satisfied: Object.freeze(sat),
        indexed: s.satisfied !== undefined,
        offset,
      }),
    );
    offset += codes.length;
  });
  const layout: Layout = Object.freeze({ items: Object.freeze(items), size: offset, slotOf, byId: new Map(items.map((i) => [i.id, i])) });
  LAYOUTS.set(q, layout);
  return layout;
}
