/**
 * The script a thread of `par-index/worker` runs (built as dist/worker-thread.js and .cjs): it takes one job at
 * a time from the pool, runs it, and sends back its value, its progress or its error (see protocol.ts).
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { descriptorJob, recordFilesJob, scoreJob, tallyJob, uncertaintyJob } from './jobs.js';
import { packError, packValue, type JobMessage, type ReplyMessage } from './protocol.js';
import type { SentTable } from './stream-port.js';
import type { EvidenceFrom, RecordFilesOptions, TallyOptions, TextInput, WorkerScoreOptions, WorkerUncertaintyOptions } from './types.js';
import type { DossierReadOptions } from '../io/dossier-source.js';
import type { UncertaintySpec } from '../ranking/uncertainty-spec.js';

const port = parentPort;
if (!port) throw new Error('par-index: worker-thread is the script of a worker thread; use new ParIndexWorker() from par-index/worker');

function send(m: ReplyMessage): void {
  port!.postMessage(m);
}

async function run(m: JobMessage): Promise<unknown> {
  const a = m.args;
  const wantsProgress = m.progress;
  switch (m.job) {
    case 'summariseRecordFiles':
      return recordFilesJob(a[0] as readonly SentTable[], a[1] as RecordFilesOptions);
    case 'summariseDescriptor':
      return descriptorJob(a[0] as string, a[1] as DossierReadOptions);
    case 'tallyResponses':
      return tallyJob(
        a[0] as SentTable,
        a[1] as string | TextInput,
        a[2] as TallyOptions,
        wantsProgress ? (rows) => send({ id: m.id, type: 'progress', args: [rows] }) : undefined,
      );
    case 'score':
      return scoreJob(a[0] as string | TextInput, a[1] as EvidenceFrom, a[2] as WorkerScoreOptions);
    case 'rankUncertainty':
      return uncertaintyJob(
        a[0] as string | TextInput,
        a[1] as EvidenceFrom,
        a[2] as UncertaintySpec | undefined,
        a[3] as WorkerUncertaintyOptions,
        wantsProgress ? (done, total) => send({ id: m.id, type: 'progress', args: [done, total] }) : undefined,
      );
  }
}

port.on('message', (m: JobMessage) => {
  run(m).then(
    (value) => {
      try {
        send({ id: m.id, type: 'done', value: packValue(value) });
      } catch (e) {
        // A value that cannot be cloned: the job fails rather than leaving the caller waiting.
        send({ id: m.id, type: 'failed', error: packError(e) });
      }
    },
    (e: unknown) => send({ id: m.id, type: 'failed', error: packError(e) }),
  );
});
