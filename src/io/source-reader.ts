/**
 * What a reader of evidence sources is: the contract between `readEvidenceSources` (sources.ts) and the readers
 * of dossier exports, inspection plans and survey responses, in a file of its own so that neither side imports
 * the other's module for it.
 * @module
 */
import type { CriteriaSet } from '../criteria/load.js';
import type { EvidenceInput } from '../evidence/load.js';
import type { ReadOptions } from './files.js';

/**
 * What a reader knows while it reads.
 *
 * @example `reader.read(doc, { file: 'ho-so.source.yaml', dir: '/data/2021', set })`
 */
export interface SourceContext {
  /** The descriptor's file, as shown in messages. */
  readonly file: string;
  /** The descriptor's folder (absolute): table files are named relative to it. */
  readonly dir: string;
  /** The criteria set being scored, when known (a reader may check its measure names against it). */
  readonly set?: CriteriaSet | undefined;
  /** File size limits. */
  readonly limits?: ReadOptions | undefined;
  /** Let the descriptor name files outside its folder tree (`../`, absolute paths, links out); refused by default. */
  readonly allowOutside?: boolean | undefined;
}

/**
 * What a reader returns: evidence documents, and the files it consumed (so a folder scan does not flag them).
 *
 * @example `{ inputs: [{ data: evidenceDoc, file: 'survey.source.yaml' }], consumed: ['/data/2021/responses.csv'] }`
 */
export interface SourceResult {
  /** Evidence documents, merged with the rest by unit. */
  readonly inputs: readonly EvidenceInput[];
  /** Absolute paths of the table files the descriptor read. */
  readonly consumed: readonly string[];
}

/**
 * Reads one kind of descriptor.
 *
 * @example `readEvidenceSources(['fixtures/van-lam-2021'], { readers: [dossierSource, inspectionSource, surveySource] })`
 */
export interface SourceReader {
  /** The descriptor's format tag without version, e.g. "par-index/dossier-source". */
  readonly format: string;
  /** Reads one descriptor and the files it names. */
  read(doc: unknown, ctx: SourceContext): Promise<SourceResult>;
}
