/**
 * Evidence views: how rules read a unit's evidence. The engine gives each leaf a view that, when tracing,
 * records every value read with its provenance — so the trace's inputs are exactly what the rule used, and a
 * leaf can be re-scored from its trace alone.
 * @module
 */
import type { z } from 'zod';
import { Exact } from '../core/exact.js';
import type { UnitEvidence } from '../evidence/load.js';
import type { AppraisalRecord, FindingRecord, ListItemRecord, MeasureValue, SurveyValue, TaskRecord } from '../rules/records.js';
import type { EvidenceView, PopulationRecord } from '../rules/types.js';
import type {
  AppraisalInputSchema,
  FindingInputSchema,
  FindingsInputSchema,
  ListInputSchema,
  MeasureInputSchema,
  MissingInputSchema,
  PopulationInputSchema,
  SurveyInputSchema,
  TaskInputSchema,
} from './trace-schema.js';

/**
 * One value a rule read, as the trace records it.
 *
 * @example `{ kind: 'measure', id: 'dossiers.onTime', value: 98, exact: '98', source: 'Một cửa điện tử 2021' }`
 */
export type TraceInput =
  MeasureInput | TaskInput | AppraisalInput | SurveyInput | FindingsInput | PopulationInput | ListInput | MissingInput;

/**
 * A measure read (chỉ số đo lường): the `MeasureItem` read, without its note, and its exact value.
 *
 * @example `{ kind: 'measure', id: 'dossiers.onTime', value: 98, exact: '98', source: 'Một cửa điện tử 2021' }`
 * @interface
 */
export type MeasureInput = z.output<typeof MeasureInputSchema>;

/**
 * A task read (nhiệm vụ): the {@link TaskRecord} the rule got.
 *
 * @example `{ kind: 'task', id: 'plan.issued', done: '2021-01-10', deadline: '2021-01-15', source: 'nhu-quynh.yaml' }`
 * @interface
 */
export type TaskInput = z.output<typeof TaskInputSchema>;

/**
 * An appraisal read: the self-assessment and the appraisal rounds of one node (tự chấm, thẩm định), as the
 * evidence gives them (`AppraisalItem`).
 *
 * @example `{ kind: 'appraisal', id: '1.2', self: 2, round1: 1.5, source: 'tham-dinh.yaml' }`
 * @interface
 */
export type AppraisalInput = z.output<typeof AppraisalInputSchema>;

/**
 * A satisfaction index read (e.g. SIPAS): the `SurveyItem` read, and its exact value.
 *
 * @example `{ kind: 'survey', id: 'sipas', value: 87.5, exact: '175/2', n: 120, source: 'sipas-2021.csv' }`
 * @interface
 */
export type SurveyInput = z.output<typeof SurveyInputSchema>;

/**
 * The inspection findings of one node.
 *
 * @example `{ kind: 'findings', id: '2.1', findings: [{ id: 'KT-03', description: 'Niêm yết TTHC chưa đầy đủ', points: '1/2', source: 'kiem-tra-2021.yaml' }] }`
 * @interface
 */
export type FindingsInput = z.output<typeof FindingsInputSchema>;

/**
 * One inspection finding (phát hiện kiểm tra) as a trace shows it: the {@link FindingRecord} the rule got,
 * without the node (the read names it) and with its points exactly ("n/d").
 *
 * @example `{ id: 'KT-03', description: 'Niêm yết TTHC chưa đầy đủ', severity: 'minor', points: '1/2', source: 'kiem-tra-2021.yaml' }`
 * @interface
 */
export type FindingInput = z.output<typeof FindingInputSchema>;

/**
 * The population a `relative` leaf compared the unit with, read by the leaf's id: the statistic (or the unit's
 * rank), how many units formed it and which, and those left out for lack of the measure.
 *
 * @example `{ kind: 'population', id: '2.1', value: 87.35, exact: '1747/20', size: 12, members: ['a', 'b', …], without: [] }`
 * @interface
 */
export type PopulationInput = z.output<typeof PopulationInputSchema>;

/**
 * A list read (danh sách): every item with its values exactly ("n/d") and its source.
 *
 * @example `{ kind: 'list', id: 'duAn', items: [{ id: 'DA-01', title: 'Dự án A', values: { tyLeGiaiNgan: '193/2' }, source: 'Báo cáo 12/BC-UBND' }] }`
 * @interface
 */
export type ListInput = z.output<typeof ListInputSchema>;

/**
 * A value a rule needed and the evidence did not have.
 *
 * @example `{ kind: 'missing', what: 'measure', id: 'dossiers.received' }`
 * @interface
 */
export type MissingInput = z.output<typeof MissingInputSchema>;

const NO_FINDINGS: readonly FindingRecord[] = Object.freeze([]);
const hasOwn = Object.hasOwn;

/**
 * A view over one unit's evidence that converts each value to an exact number when a rule reads it. It keeps
 * no copy: scoring many units then holds nothing per unit beyond the evidence itself, and the short-lived
 * records die young, which costs the garbage collector far less than a cache of every unit's values would.
 */
export class UnitView implements EvidenceView {
  private byNode: Map<string, FindingRecord[]> | undefined;

  /** `pops`: the unit's population records by leaf id, computed over every unit scored with it. */
  constructor(
    private readonly u: UnitEvidence,
    private readonly pops?: ReadonlyMap<string, PopulationRecord>,
  ) {}

  population(nodeId: string): PopulationRecord | undefined {
    return this.pops?.get(nodeId);
  }

  measure(id: string): MeasureValue | undefined {
    const m = this.u.measures;
    if (!hasOwn(m, id)) return undefined;
    const v = m[id]!;
    // Rejected rows go to the rule: a base of 0 with rows rejected is not said to be "no case arose" silently.
    return v.rejected
      ? { value: Exact.of(v.value), source: v.source, rejected: v.rejected }
      : { value: Exact.of(v.value), source: v.source };
  }
  task(id: string): TaskRecord | undefined {
    const t = this.u.tasks;
    if (!hasOwn(t, id)) return undefined;
    const v = t[id]!;
    return { done: v.done, deadline: v.deadline, source: v.source };
  }
  appraisal(nodeId: string): AppraisalRecord | undefined {
    const a = this.u.appraisals;
    if (!hasOwn(a, nodeId)) return undefined;
    const v = a[nodeId]!;
    return { self: opt(v.self), round1: opt(v.round1), explanation: v.explanation, round2: opt(v.round2), source: v.source };
  }
  survey(id: string): SurveyValue | undefined {
    const s = this.u.surveys;
    if (!hasOwn(s, id)) return undefined;
    const v = s[id]!;
    return { value: Exact.of(v.value), n: v.n, low: v.low, high: v.high, source: v.source };
  }
  findings(nodeId: string): readonly FindingRecord[] {
    if (this.u.findings.length === 0) return NO_FINDINGS;
    if (!this.byNode) {
      this.byNode = new Map();
      for (const f of this.u.findings) {
        const list = this.byNode.get(f.node) ?? [];
        list.push({
          id: f.id,
          node: f.node,
          description: f.description,
          severity: f.severity,
          points: opt(f.points),
          fixedOn: f.fixedOn,
          deadline: f.deadline,
          source: f.source,
        });
        this.byNode.set(f.node, list);
      }
    }
    return this.byNode.get(nodeId) ?? NO_FINDINGS;
  }
  list(id: string): readonly ListItemRecord[] | undefined {
    const l = this.u.lists;
    if (l === undefined || !hasOwn(l, id)) return undefined;
    return l[id]!.map((it) => ({
      id: it.id,
      title: it.title,
      values: new Map(Object.entries(it.values).map(([f, v]) => [f, Exact.of(v)])),
      source: it.source,
    }));
  }
}

/** A view holding exactly the inputs a trace recorded (for re-scoring a leaf from its trace). */
class TraceView implements EvidenceView {
  readonly m = new Map<string, MeasureValue>();
  readonly t = new Map<string, TaskRecord>();
  readonly a = new Map<string, AppraisalRecord>();
  readonly s = new Map<string, SurveyValue>();
  readonly f = new Map<string, FindingRecord[]>();
  readonly p = new Map<string, PopulationRecord>();
  readonly l = new Map<string, ListItemRecord[]>();
  measure(id: string): MeasureValue | undefined {
    return this.m.get(id);
  }
  population(nodeId: string): PopulationRecord | undefined {
    return this.p.get(nodeId);
  }
  task(id: string): TaskRecord | undefined {
    return this.t.get(id);
  }
  appraisal(nodeId: string): AppraisalRecord | undefined {
    return this.a.get(nodeId);
  }
  survey(id: string): SurveyValue | undefined {
    return this.s.get(id);
  }
  findings(nodeId: string): readonly FindingRecord[] {
    return this.f.get(nodeId) ?? NO_FINDINGS;
  }
  list(id: string): readonly ListItemRecord[] | undefined {
    return this.l.get(id);
  }
}

/** Builds a view holding exactly the inputs a trace recorded (for re-scoring a leaf from its trace). */
export function traceView(inputs: readonly TraceInput[]): EvidenceView {
  const v = new TraceView();
  for (const i of inputs) {
    switch (i.kind) {
      case 'measure':
        v.m.set(i.id, { value: Exact.fromRatio(i.exact)!, source: i.source });
        break;
      case 'task':
        v.t.set(i.id, { done: i.done, deadline: i.deadline, source: i.source });
        break;
      case 'appraisal':
        v.a.set(i.id, { self: opt(i.self), round1: opt(i.round1), explanation: i.explanation, round2: opt(i.round2), source: i.source });
        break;
      case 'survey':
        v.s.set(i.id, { value: Exact.fromRatio(i.exact)!, n: i.n, low: i.low, high: i.high, source: i.source });
        break;
      case 'findings':
        v.f.set(
          i.id,
          i.findings.map((f) => ({
            id: f.id,
            node: i.id,
            description: f.description,
            severity: f.severity,
            points: f.points === undefined ? undefined : Exact.fromRatio(f.points),
            fixedOn: f.fixedOn,
            deadline: f.deadline,
            source: f.source,
          })),
        );
        break;
      case 'population':
        v.p.set(i.id, {
          value: Exact.fromRatio(i.exact)!,
          size: i.size,
          ...(i.by !== undefined ? { by: i.by, group: i.group } : {}),
          members: i.members,
          without: i.without,
        });
        break;
      case 'list':
        v.l.set(
          i.id,
          i.items.map((it) => ({
            id: it.id,
            title: it.title,
            values: new Map(Object.entries(it.values).map(([f, x]) => [f, Exact.fromRatio(x)!])),
            source: it.source,
          })),
        );
        break;
      case 'missing':
        break;
    }
  }
  return v;
}

function opt(x: number | undefined): Exact | undefined {
  return x === undefined ? undefined : Exact.of(x);
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** A read as recorded while scoring: the record itself, converted to a {@link TraceInput} only when read. */
export type RawInput =
  | { readonly kind: 'measure'; readonly id: string; readonly rec: MeasureValue | undefined }
  | { readonly kind: 'task'; readonly id: string; readonly rec: TaskRecord | undefined }
  | { readonly kind: 'appraisal'; readonly id: string; readonly rec: AppraisalRecord | undefined }
  | { readonly kind: 'survey'; readonly id: string; readonly rec: SurveyValue | undefined }
  | { readonly kind: 'findings'; readonly id: string; readonly rec: readonly FindingRecord[] }
  | { readonly kind: 'population'; readonly id: string; readonly rec: PopulationRecord | undefined }
  | { readonly kind: 'list'; readonly id: string; readonly rec: readonly ListItemRecord[] | undefined };

/**
 * A view that appends every read to `sink` as three entries (kind, id, record): no object per read. One
 * recorder per unit; the engine points `sink` at each leaf's list in turn. Nothing is formatted unless the
 * trace is read.
 */
export class Recorder implements EvidenceView {
  sink: unknown[] = [];
  constructor(private readonly view: EvidenceView) {}
  measure(id: string): MeasureValue | undefined {
    const rec = this.view.measure(id);
    this.sink.push('measure', id, rec);
    return rec;
  }
  task(id: string): TaskRecord | undefined {
    const rec = this.view.task(id);
    this.sink.push('task', id, rec);
    return rec;
  }
  appraisal(id: string): AppraisalRecord | undefined {
    const rec = this.view.appraisal(id);
    this.sink.push('appraisal', id, rec);
    return rec;
  }
  survey(id: string): SurveyValue | undefined {
    const rec = this.view.survey(id);
    this.sink.push('survey', id, rec);
    return rec;
  }
  findings(id: string): readonly FindingRecord[] {
    const rec = this.view.findings(id);
    this.sink.push('findings', id, rec);
    return rec;
  }
  population(id: string): PopulationRecord | undefined {
    const rec = this.view.population?.(id);
    this.sink.push('population', id, rec);
    return rec;
  }
  list(id: string): readonly ListItemRecord[] | undefined {
    const rec = this.view.list(id);
    this.sink.push('list', id, rec);
    return rec;
  }
}

/** The reads a recorder kept, as {@link RawInput}s. */
export function rawInputs(flat: readonly unknown[]): RawInput[] {
  const out: RawInput[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) out.push({ kind: flat[i], id: flat[i + 1], rec: flat[i + 2] } as RawInput);
  return out;
}

/** The trace's form of a recorded read: plain JSON data with values and provenance. */
export function traceInput(r: RawInput): TraceInput {
  const { id } = r;
  switch (r.kind) {
    case 'measure':
      return r.rec
        ? { kind: 'measure', id, value: r.rec.value.toNumber(), exact: r.rec.value.toRatio(), source: r.rec.source }
        : { kind: 'missing', what: 'measure', id };
    case 'task':
      return r.rec
        ? defined({ kind: 'task', id, done: r.rec.done, deadline: r.rec.deadline, source: r.rec.source })
        : { kind: 'missing', what: 'task', id };
    case 'appraisal':
      return r.rec
        ? defined({
            kind: 'appraisal',
            id,
            self: r.rec.self?.toNumber(),
            round1: r.rec.round1?.toNumber(),
            explanation: r.rec.explanation,
            round2: r.rec.round2?.toNumber(),
            source: r.rec.source,
          })
        : { kind: 'missing', what: 'appraisal', id };
    case 'survey':
      return r.rec
        ? defined({
            kind: 'survey',
            id,
            value: r.rec.value.toNumber(),
            exact: r.rec.value.toRatio(),
            n: r.rec.n,
            low: r.rec.low,
            high: r.rec.high,
            source: r.rec.source,
          })
        : { kind: 'missing', what: 'survey', id };
    case 'population':
      return r.rec
        ? {
            kind: 'population',
            id,
            value: r.rec.value.toNumber(),
            exact: r.rec.value.toRatio(),
            size: r.rec.size,
            ...(r.rec.by !== undefined ? { by: r.rec.by, group: r.rec.group } : {}),
            members: r.rec.members,
            without: r.rec.without,
          }
        : { kind: 'missing', what: 'population', id };
    case 'findings':
      return {
        kind: 'findings',
        id,
        // Frozen with the input that holds them: a trace is a result, and results are frozen all the way down.
        findings: Object.freeze(
          r.rec.map((f) =>
            Object.freeze(
              defined({
                id: f.id,
                description: f.description,
                severity: f.severity,
                points: f.points?.toRatio(),
                fixedOn: f.fixedOn,
                deadline: f.deadline,
                source: f.source,
              }),
            ),
          ),
        ),
      };
    case 'list':
      return r.rec
        ? {
            kind: 'list',
            id,
            // Frozen with the input that holds them, as findings are.
            items: Object.freeze(
              r.rec.map((it) =>
                Object.freeze(
                  defined({
                    id: it.id,
                    title: it.title,
                    values: Object.freeze(Object.fromEntries([...it.values].map(([f, x]) => [f, x.toRatio()]))),
                    source: it.source,
                  }),
                ),
              ),
            ),
          }
        : { kind: 'missing', what: 'list', id };
  }
}
