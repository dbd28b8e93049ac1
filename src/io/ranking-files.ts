/**
 * Reading score files, unit maps and uncertainty specs from files (Node only, exported through `par-index/io`).
 * @module
 */
import type { Ranking } from '../ranking/rank.js';
import { loadUnitMap, type UnitMap } from '../ranking/unit-map.js';
import { loadScoreCards } from '../ranking/scores.js';
import { loadUncertaintySpec, type UncertaintySpec } from '../ranking/uncertainty-spec.js';
import { displayPath, readText, type ReadOptions } from './files.js';

/**
 * Reads a score file written by `par-index score --format json`: its cards with the ranks they were written with.
 * @example rank(cardsOf(readScoreCards('out/scores.json')), { method: 'dense' })
 */
export function readScoreCards(path: string, opts: ReadOptions = {}): Ranking {
  const file = displayPath(path);
  return loadScoreCards(readText(path, opts), { file });
}

/**
 * Reads a unit map (`par-index/unit-map@1`, YAML or JSON).
 * @example compareYears(readScoreCards('2020.json'), readScoreCards('2021.json'), readUnitMap('unit-map.yaml'))
 */
export function readUnitMap(path: string, opts: ReadOptions = {}): UnitMap {
  return loadUnitMap(readText(path, opts), { file: displayPath(path) });
}

/**
 * Reads an uncertainty spec (`par-index/uncertainty@1`, YAML or JSON).
 * @example rankUncertainty(set, evidence, readUncertaintySpec('spec.yaml'), { seed: 42 })
 */
export function readUncertaintySpec(path: string, opts: ReadOptions = {}): UncertaintySpec {
  return loadUncertaintySpec(readText(path, opts), { file: displayPath(path) });
}
