/**
 * The semantic checks of a questionnaire, run by `checkQuestionnaire` after the schema: references resolve,
 * codes do not clash, each option can be applied, provenance agrees with the earlier marks.
 * @module
 */
import { issue, type Issue, type PathSegment } from '../core/errors.js';
import { effectiveOf, hasPart, type ProvenanceData } from '../criteria/provenance.js';
import { entriesOf } from './questionnaire-provenance.js';
import type { ItemData, QuestionnaireData } from './schema.js';
import { pushAll } from '../core/lists.js';

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
export function checkQuestionnaireSemantics(d: QuestionnaireData): Issue[] {
  const out: Issue[] = [];
  pushAll(out, checkProvenance(d));
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
