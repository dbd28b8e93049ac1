/**
 * The readers of evidence sources other than evidence files (dossier exports, inspection plans, survey
 * responses), shared by every command that reads evidence, so that an evidence folder means the same to all.
 * @module
 */
import { dossierSource } from '../io/dossier-source.js';
import { inspectionSource } from '../io/inspection-source.js';
import type { SourceReader } from '../io/sources.js';
import { surveySource } from '../io/survey-source.js';

/** Every evidence source a folder may hold: dossier exports, inspection plans, survey responses. */
export const SOURCE_READERS: readonly SourceReader[] = [dossierSource, inspectionSource, surveySource];
