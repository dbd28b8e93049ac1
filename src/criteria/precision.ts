/**
 * The check of a criteria set that depends on its rounding precision: a maximum with more decimals than the
 * precision cannot be reached exactly by rounded points. Loading runs it with the set's precision; scoring with
 * another precision (`evaluate(…, { rounding })`) runs it again with that one.
 * @module
 */
import { Exact } from '../core/exact.js';
import { issue, type Issue, type PathSegment } from '../core/errors.js';
import type { CriteriaNode } from './schema.js';

/**
 * The warning for a node whose maximum has more decimals than `precision`, or undefined when it has none.
 *
 * @example maxBeyondPrecision({ id: '1.1', title: 'x', max: 2.5, legal: [] } as CriteriaNode, ['tree', 0], 0, undefined)?.code // 'criteria.threshold-range'
 */
export function maxBeyondPrecision(
  node: CriteriaNode,
  path: readonly PathSegment[],
  precision: number,
  file: string | undefined,
): Issue | undefined {
  if (node.max === undefined) return undefined;
  const max = Exact.of(node.max);
  if (max.round(precision, 'down').eq(max)) return undefined;
  return issue(
    'criteria.threshold-range',
    'warning',
    [...path, 'max'],
    `max ${node.max} has more decimals than the declared precision (${precision}): rounded points may not reach it exactly`,
    `điểm tối đa ${node.max} có nhiều chữ số thập phân hơn độ chính xác đã khai báo (${precision})`,
    { file, node: node.id },
  );
}
