/**
 * Messages of `check` and of loading name the criterion by its printed number and give the line and column of the
 * file (issue 22, item 6), for YAML and JSON text alike; parsed data has no lines, only the criterion.
 */
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { formatIssue, type Issue } from '../../src/core/errors.js';
import { loadCases } from '../../src/cases/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { criteriaDoc } from '../support/support.js';

const HEAD = `format: par-index/criteria@1
id: test.locations
version: "1"
title: Bộ tiêu chí thử
issuer: UBND huyện Thử
decision: { number: "1/QĐ-UBND", date: 2021-01-05 }
level: commune
years: [2021]
measures:
  share: { title: Tỷ lệ, unit: percent }
tree:
`;

// Lines 1–11 are HEAD; the tree starts on line 12.
const TREE = `  - id: "1"
    title: Chỉ đạo điều hành
    max: 1
    children:
      - { id: "1.1", title: Kế hoạch, max: 1, rule: { kind: task, task: kh } }
  - id: "2"
    title: Thủ tục hành chính
    max: 2
    children:
      - id: "2.3"
        title: Công khai thủ tục
        max: 2
        children:
          - id: "2.3.1"
            title: Tỷ lệ công khai
            max: 2
            rule: { kind: survey, index: sipas, target: many }
`;

function only(r: { issues: readonly Issue[] }, code: string): Issue {
  const found = r.issues.filter((i) => i.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('line, column and printed number in criteria messages', () => {
  it('a schema error deep in a YAML file names the criterion and its line and column', () => {
    const r = checkCriteriaSet(HEAD + TREE, { file: 'x.yaml' });
    expect(r.ok).toBe(false);
    const i = r.issues.find((x) => x.path.join('.') === 'tree.1.children.0.children.0.rule.target')!;
    expect(i).toBeDefined();
    // `rule:` is on line 12 + 16 = 28; before the value come 12 spaces, "rule: " (6), "{ " (2), "kind: survey, "
    // (14), "index: sipas, " (14) and "target: " (8): 56 characters, so `many` starts in column 57.
    expect([i.node, i.line, i.col]).toEqual(['2.3.1', 28, 57]);
    expect(formatIssue(i, 'en')).toContain('x.yaml: criterion 2.3.1 (tree[1].children[0].children[0].rule.target), line 28 col 57: ');
    expect(formatIssue(i, 'vi')).toContain('x.yaml: tiêu chí 2.3.1 (tree[1].children[0].children[0].rule.target), dòng 28 cột 57: ');
  });

  it('a semantic error of a YAML file too: the max of a parent whose children do not add up', () => {
    const text =
      HEAD +
      TREE.replace('target: many', 'target: 90').replace(
        '    max: 2\n    children:\n      - id: "2.3"',
        '    max: 3\n    children:\n      - id: "2.3"',
      );
    const i = only(checkCriteriaSet(text, { file: 'x.yaml' }), 'criteria.max-mismatch');
    // Field 2 starts on line 12 + 5 = 17; its `max: 3` is on line 19, the value after "    max: " in column 10.
    expect([i.node, i.line, i.col]).toEqual(['2', 19, 10]);
    expect(formatIssue(i)).toBe(
      'error [criteria.max-mismatch] x.yaml: criterion 2 (tree[1].max), line 19 col 10: max is 3 but its children add up to 2',
    );
  });

  it('a key the schema requires and the node lacks points at the node', () => {
    const text =
      HEAD +
      TREE.replace('target: many', 'target: 90').replace(
        '            title: Tỷ lệ công khai\n            max: 2\n',
        '            title: Tỷ lệ công khai\n',
      );
    const i = only(checkCriteriaSet(text, { file: 'x.yaml' }), 'schema.required');
    // No `max` in 2.3.1: the message points at its node, whose map starts with `id:` on line 12 + 13 = 25, col 13.
    expect(i.path).toEqual(['tree', 1, 'children', 0, 'children', 0, 'max']);
    expect([i.node, i.line, i.col]).toEqual(['2.3.1', 25, 13]);
  });

  it('a JSON file: the same parser gives the lines', () => {
    const doc = criteriaDoc([
      { id: '1', title: 'F', max: 3, children: [{ id: '1.1', title: 'A', max: 1, rule: { kind: 'task', task: 't' } }] },
    ]);
    const text = JSON.stringify(doc, null, 2);
    const lines = text.split('\n');
    // Where `"max": 3` of field 1 is, found in the text, not by the library: the first line with `"max": 3`.
    const line = lines.findIndex((l) => l.includes('"max": 3')) + 1;
    const col = lines[line - 1]!.indexOf('3') + 1;
    expect(line).toBeGreaterThan(20);
    const i = only(checkCriteriaSet(text, { file: 'x.json' }), 'criteria.max-mismatch');
    expect([i.node, i.line, i.col]).toEqual(['1', line, col]);
    expect(formatIssue(i)).toContain(`x.json: criterion 1 (tree[0].max), line ${line} col ${col}: max is 3 but its children add up to 1`);
  });

  it('parsed data has no lines but still names the criterion a schema error is in', () => {
    const doc = criteriaDoc([
      { id: '1', title: 'F', max: 1, children: [{ id: '1.1', title: 'A', max: -1, rule: { kind: 'task', task: 't' } }] },
    ]);
    const i = checkCriteriaSet(doc, { file: 'x.yaml' }).issues.find((x) => x.path.join('.') === 'tree.0.children.0.max')!;
    expect([i.node, i.line, i.col]).toEqual(['1.1', undefined, undefined]);
    expect(formatIssue(i)).toMatch(/^error \[schema\.[a-z-]+\] x\.yaml: criterion 1\.1 \(tree\[0\]\.children\[0\]\.max\): /);
  });

  it('a criterion printed with another number than its id is named by the printed one, its id beside it', () => {
    const doc = criteriaDoc([
      {
        id: 'II',
        title: 'F',
        max: 3,
        children: [
          { id: 'II.2', title: 'A', max: 1, rule: { kind: 'task', task: 'a' } },
          { id: 'II.3', printedId: 'II.2', title: 'B', max: 1, rule: { kind: 'task', task: 'b' } },
        ],
      },
    ]);
    const i = only(checkCriteriaSet(doc, { file: 'x.yaml' }), 'criteria.max-mismatch');
    expect(i.printedId).toBeUndefined();
    const d = only(checkCriteriaSet(doc, { file: 'x.yaml' }), 'criteria.duplicate-printed-id');
    expect([d.node, d.printedId]).toEqual(['II.3', 'II.2']);
    expect(formatIssue(d)).toContain('x.yaml: criterion II.2 (id II.3; tree[0].children[1].printedId): ');
  });

  it('other files read through the same steps get lines too: a cases file', () => {
    const text = 'format: par-index/cases@1\ncriteria: test.set\ncases:\n  - name: one\n    year: twenty\n';
    let caught: unknown;
    try {
      loadCases(text, { file: 'x.cases.yaml' });
    } catch (e) {
      caught = e;
    }
    const issues = (caught as { issues: Issue[] }).issues;
    const i = issues.find((x) => x.line !== undefined);
    expect(i).toBeDefined();
    expect(formatIssue(i!)).toMatch(/x\.cases\.yaml: cases\[0\].*, line \d+ col \d+: /);
  });

  it('evidence files too: a value the schema refuses, with its line and column', () => {
    const text =
      'format: par-index/evidence@1\nyear: 2021\nsource: Báo cáo\nunits:\n  - id: a\n    name: Xã A\n    measures:\n      onTime: nhiều\n';
    let caught: unknown;
    try {
      loadEvidence({ data: text, file: 'ev.yaml' });
    } catch (e) {
      caught = e;
    }
    const i = (caught as { issues: Issue[] }).issues[0]!;
    // `onTime: nhiều` is line 8; "      onTime: " is 14 characters, so the value starts in column 15.
    expect([i.path.join('.'), i.line, i.col]).toEqual(['units.0.measures.onTime', 8, 15]);
    expect(formatIssue(i)).toContain('ev.yaml: units[0].measures.onTime, line 8 col 15: ');
  });
});
