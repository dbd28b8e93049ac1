/**
 * What a questionnaire says about its own certainty: its assumptions, the entries that declare no provenance,
 * and the earlier "unverified" marks.
 * @module
 */
import {
  effectiveOf,
  ProvenanceCollector,
  type EffectiveProvenance,
  type ProvenanceData,
  type ProvenanceReport,
} from '../criteria/provenance.js';
import type { ItemData, OptionLegal, QuestionnaireData } from './schema.js';

/** The options of a questionnaire that are declared, by name. */
function optionEntries(d: QuestionnaireData): [string, { legal: OptionLegal; provenance?: ProvenanceData | undefined }][] {
  const out: [string, { legal: OptionLegal; provenance?: ProvenanceData | undefined }][] = [];
  for (const [k, o] of Object.entries(d.options) as [string, { legal: OptionLegal; provenance?: ProvenanceData | undefined } | undefined][])
    if (o !== undefined) out.push([k, o]);
  return out;
}

export function unverifiedPaths(d: QuestionnaireData): string[] {
  const out: string[] = [];
  for (const [k, o] of optionEntries(d)) if (o.legal === 'unverified') out.push(`options.${k}`);
  for (const [k, s] of Object.entries(d.scales)) if (s.satisfied?.legal === 'unverified') out.push(`scales.${k}.satisfied`);
  d.items.forEach((it) => {
    if (it.wording === 'unverified') out.push(`items.${it.id}`);
  });
  return out;
}

/** Every entry of a questionnaire with its own provenance, the one it inherits, and its earlier "unverified" mark. */
export interface QEntry {
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

export function entriesOf(d: QuestionnaireData): QEntry[] {
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
