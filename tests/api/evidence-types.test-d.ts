/**
 * Type tests (vitest typecheck, `tests/**\/*.test-d.ts`): each type of the evidence, of a score card and of a
 * dossier summary has one definition, a zod schema, and the types that are derived from it stay what they must
 * be. A hand-written copy drifting from its schema, or a derived type losing a field, fails `npx vitest run`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Issue, IssueCode } from '../../src/core/errors.js';
import type { Exact } from '../../src/core/exact.js';
import type { DecisionRef } from '../../src/criteria/diff.js';
import type { ScoreCardSchema } from '../../src/engine/card-schema.js';
import type { BandResult, CardCriteria, CardUnit, NodeScore, NodeStatus, ScoreCard, TraceNode } from '../../src/engine/types.js';
import type { AppraisalInput, FindingInput, MeasureInput, SurveyInput, TaskInput, TraceInput } from '../../src/engine/view.js';
import type { Evidence, UnitEvidence } from '../../src/evidence/load.js';
import type {
  AppraisalEntry,
  EvidenceFileSchema,
  FindingEntry,
  LoadedEvidenceSchema,
  LoadedUnitSchema,
  MeasureEntry,
  NotApplicableEntry,
  SurveyEntry,
  TaskEntry,
  UnitEvidenceSchema,
} from '../../src/evidence/schema.js';
import type { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import type { RowIssue } from '../../src/measures/dossier-record.js';
import type { DossierSummary, DossierSummarySchema, GroupBy, loadDossierSummary } from '../../src/measures/summary-schema.js';
import type { loadScoreCards } from '../../src/ranking/scores.js';
import type {
  AppraisalItem,
  AppraisalItemSchema,
  AppraisalRecord,
  FindingItem,
  FindingItemSchema,
  FindingRecord,
  MeasureItem,
  RejectedRows,
  MeasureItemSchema,
  MeasureValue,
  NotApplicableItem,
  NotApplicableItemSchema,
  SurveyItem,
  SurveyItemSchema,
  SurveyValue,
  TaskItem,
  TaskItemSchema,
  TaskRecord,
} from '../../src/rules/records.js';
import type { LeafStatus, TraceStep } from '../../src/rules/types.js';

/** One object type from an intersection (expect-type compares types as written, not their members). */
type Flat<T> = { [K in keyof T]: T[K] };
/** What an input schema gives before the loader fills in the source: the item, with its source optional. */
type Written<T extends { source: string }> = Flat<Omit<T, 'source'> & { source?: string | undefined }>;

describe('evidence items: one schema each', () => {
  it('each loaded item is its schema output, read-only', () => {
    expectTypeOf<MeasureItem>().toEqualTypeOf<Readonly<z.output<typeof MeasureItemSchema>>>();
    expectTypeOf<TaskItem>().toEqualTypeOf<Readonly<z.output<typeof TaskItemSchema>>>();
    expectTypeOf<AppraisalItem>().toEqualTypeOf<Readonly<z.output<typeof AppraisalItemSchema>>>();
    expectTypeOf<SurveyItem>().toEqualTypeOf<Readonly<z.output<typeof SurveyItemSchema>>>();
    expectTypeOf<FindingItem>().toEqualTypeOf<Readonly<z.output<typeof FindingItemSchema>>>();
    expectTypeOf<NotApplicableItem>().toEqualTypeOf<Readonly<z.output<typeof NotApplicableItemSchema>>>();
  });

  it('the loaded items have the public shape', () => {
    expectTypeOf<TaskItem>().toEqualTypeOf<{
      readonly done: string | null;
      readonly deadline?: string | undefined;
      readonly source: string;
      readonly note?: string | undefined;
    }>();
    expectTypeOf<MeasureItem>().toEqualTypeOf<{
      readonly value: number;
      readonly source: string;
      readonly note?: string | undefined;
      readonly rejected?: RejectedRows | undefined;
    }>();
    expectTypeOf<SurveyItem>().toEqualTypeOf<{
      readonly value: number;
      readonly n?: number | undefined;
      readonly low?: number | undefined;
      readonly high?: number | undefined;
      readonly source: string;
    }>();
    expectTypeOf<NotApplicableItem>().toEqualTypeOf<{ readonly node: string; readonly reason: string; readonly source: string }>();
  });

  it('what a file writes is the item with an optional source (and done: false read as null)', () => {
    expectTypeOf<z.output<typeof TaskEntry>>().toEqualTypeOf<Written<z.output<typeof TaskItemSchema>>>();
    expectTypeOf<z.input<typeof TaskEntry>['done']>().toEqualTypeOf<string | false | null>();
    expectTypeOf<z.output<typeof AppraisalEntry>>().toEqualTypeOf<Written<z.output<typeof AppraisalItemSchema>>>();
    expectTypeOf<z.output<typeof FindingEntry>>().toEqualTypeOf<Written<z.output<typeof FindingItemSchema>>>();
    expectTypeOf<z.output<typeof NotApplicableEntry>>().toEqualTypeOf<Written<z.output<typeof NotApplicableItemSchema>>>();
    expectTypeOf<z.output<typeof MeasureEntry>>().toEqualTypeOf<number | Written<z.output<typeof MeasureItemSchema>>>();
    expectTypeOf<z.output<typeof SurveyEntry>>().toEqualTypeOf<number | Written<z.output<typeof SurveyItemSchema>>>();
  });

  it('a loaded unit and the evidence are their schemas outputs, holding the items', () => {
    expectTypeOf<UnitEvidence>().toEqualTypeOf<Readonly<z.output<typeof LoadedUnitSchema>>>();
    expectTypeOf<Evidence>().toEqualTypeOf<Readonly<z.output<typeof LoadedEvidenceSchema>>>();
    expectTypeOf<Evidence['units'][number]>().toEqualTypeOf<UnitEvidence>();
    expectTypeOf<UnitEvidence['measures'][string]>().toEqualTypeOf<MeasureItem>();
    expectTypeOf<UnitEvidence['tasks'][string]>().toEqualTypeOf<TaskItem>();
    expectTypeOf<UnitEvidence['appraisals'][string]>().toEqualTypeOf<AppraisalItem>();
    expectTypeOf<UnitEvidence['surveys'][string]>().toEqualTypeOf<SurveyItem>();
    expectTypeOf<UnitEvidence['findings'][number]>().toEqualTypeOf<FindingItem>();
    expectTypeOf<UnitEvidence['notApplicable'][number]>().toEqualTypeOf<NotApplicableItem>();
    // The unit's names and the file's year and period are the file format's own pieces.
    expectTypeOf<Pick<UnitEvidence, 'id' | 'name' | 'kind' | 'parent'>>().toEqualTypeOf<
      Readonly<Pick<z.output<typeof UnitEvidenceSchema>, 'id' | 'name' | 'kind' | 'parent'>>
    >();
    expectTypeOf<Evidence['year']>().toEqualTypeOf<z.output<typeof EvidenceFileSchema>['year']>();
    expectTypeOf<NonNullable<Evidence['period']>>().toEqualTypeOf<Readonly<NonNullable<z.output<typeof EvidenceFileSchema>['period']>>>();
  });

  it('the records a rule reads are the items, with exact values where the rule computes', () => {
    expectTypeOf<TaskRecord>().toEqualTypeOf<Omit<TaskItem, 'note'>>();
    expectTypeOf<keyof MeasureValue>().toEqualTypeOf<'value' | 'source' | 'rejected'>();
    expectTypeOf<MeasureValue['value']>().toEqualTypeOf<Exact>();
    expectTypeOf<keyof AppraisalRecord>().toEqualTypeOf<keyof AppraisalItem>();
    expectTypeOf<AppraisalRecord['self']>().toEqualTypeOf<Exact | undefined>();
    expectTypeOf<AppraisalRecord['explanation']>().toEqualTypeOf<AppraisalItem['explanation']>();
    expectTypeOf<keyof SurveyValue>().toEqualTypeOf<keyof SurveyItem>();
    expectTypeOf<SurveyValue['value']>().toEqualTypeOf<Exact>();
    expectTypeOf<Omit<SurveyValue, 'value'>>().toEqualTypeOf<Omit<SurveyItem, 'value'>>();
    expectTypeOf<keyof FindingRecord>().toEqualTypeOf<Exclude<keyof FindingItem, 'date'>>();
    expectTypeOf<FindingRecord['points']>().toEqualTypeOf<Exact | undefined>();
  });

  it('a trace input is the record or item read, with what names the read', () => {
    expectTypeOf<Omit<TaskInput, 'kind' | 'id'>>().toEqualTypeOf<Omit<TaskRecord, never>>();
    expectTypeOf<TaskInput['kind']>().toEqualTypeOf<'task'>();
    expectTypeOf<Omit<AppraisalInput, 'kind' | 'id'>>().toEqualTypeOf<Omit<AppraisalItem, never>>();
    expectTypeOf<Omit<MeasureInput, 'kind' | 'id' | 'exact'>>().toEqualTypeOf<Omit<MeasureItem, 'note'>>();
    expectTypeOf<Omit<SurveyInput, 'kind' | 'id' | 'exact'>>().toEqualTypeOf<Omit<SurveyItem, never>>();
    expectTypeOf<Omit<FindingInput, 'points'>>().toEqualTypeOf<Omit<FindingRecord, 'node' | 'points'>>();
    expectTypeOf<FindingInput['points']>().toEqualTypeOf<string | undefined>();
  });
});

describe('score cards: the JSON schema is the definition', () => {
  type CardData = z.output<typeof ScoreCardSchema>;
  /** The one field a card types more tightly in memory than a file can promise: another version's issue codes. */
  type Tight = 'warnings';

  it('a card and the reader output agree on every field but warnings, the trace included', () => {
    expectTypeOf<Omit<ScoreCard, Tight>>().toEqualTypeOf<Omit<CardData, Tight>>();
    expectTypeOf<ScoreCard>().toExtend<CardData>();
    expectTypeOf<ScoreCard['warnings'][number]>().toEqualTypeOf<Issue>();
    expectTypeOf<NonNullable<ScoreCard['trace']>[number]>().toEqualTypeOf<TraceNode>();
    expectTypeOf<NonNullable<CardData['trace']>[number]>().toEqualTypeOf<TraceNode>();
    expectTypeOf<TraceNode['children'][number]>().toEqualTypeOf<TraceNode>();
    expectTypeOf<TraceNode['inputs'][number]>().toEqualTypeOf<TraceInput>();
    expectTypeOf<TraceNode['steps'][number]>().toEqualTypeOf<TraceStep>();
    expectTypeOf<ReturnType<typeof loadScoreCards>['rows'][number]['card']>().toEqualTypeOf<ScoreCard>();
  });

  it('the parts of a card are the parts of the schema', () => {
    expectTypeOf<ScoreCard['nodes'][number]>().toEqualTypeOf<NodeScore>();
    expectTypeOf<ScoreCard['fields'][number]>().toEqualTypeOf<NodeScore>();
    expectTypeOf<ScoreCard['unit']>().toEqualTypeOf<CardUnit>();
    expectTypeOf<NonNullable<ScoreCard['band']>>().toEqualTypeOf<BandResult>();
    expectTypeOf<NodeScore['status']>().toEqualTypeOf<NodeStatus>();
    expectTypeOf<NodeStatus>().toEqualTypeOf<LeafStatus>();
    expectTypeOf<CardCriteria['decision']>().toEqualTypeOf<DecisionRef>();
    expectTypeOf<ScoreCard['exact']>().toEqualTypeOf<{ readonly total: string; readonly max: string; readonly index: string | null }>();
  });
});

describe('dossier summaries: the schema is the definition', () => {
  it('the summary, the reader output and the aggregator output are one type', () => {
    expectTypeOf<DossierSummary>().toEqualTypeOf<z.output<typeof DossierSummarySchema>>();
    expectTypeOf<ReturnType<typeof loadDossierSummary>>().toEqualTypeOf<DossierSummary>();
    expectTypeOf<ReturnType<typeof summariseDossiers>['summary']>().toEqualTypeOf<DossierSummary>();
    expectTypeOf<DossierSummary['rejected'][number]>().toEqualTypeOf<RowIssue>();
    expectTypeOf<RowIssue['code']>().toEqualTypeOf<IssueCode>();
    expectTypeOf<GroupBy>().toEqualTypeOf<'unit' | 'field' | 'mode'>();
    expectTypeOf<DossierSummary['idLimit']>().toEqualTypeOf<number>();
    expectTypeOf<DossierSummary['unavailable'][number]['missing']>().toEqualTypeOf<
      readonly DossierSummary['unavailable'][number]['needs'][]
    >();
  });
});
