/**
 * A stream handed to a worker thread: an upload's body cannot be copied to a thread, so the calling thread reads
 * its chunks and posts them through a message port, a few ahead of what the thread has taken (so a slow thread
 * holds back a fast client, as the stream itself would); the thread reads them as an async iterable. When the
 * thread stops early (a wrong header, a limit), it says so and the stream is cancelled.
 * @module
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { chunksOf, rereadable, type TableData, type TableInput } from '../core/table-stream.js';
import { packError, unpackError, type SentError } from './protocol.js';

/** Chunks posted ahead of what the thread has taken. */
const AHEAD = 4;

/** What travels on a stream's port, from the calling thread. */
type Down = { readonly chunk: Uint8Array | string } | { readonly end: true } | { readonly error: SentError };
/** What travels back: a chunk taken, or "stop". */
type Up = 'more' | 'stop';

/** A table input as it crosses to the thread: bytes and text copied, a stream replaced by its port. */
export type SentTable =
  | string
  | { readonly name: string; readonly format?: 'csv' | 'xlsx' | undefined; readonly data: TableData | { readonly port: MessagePort } };

/**
 * Table inputs ready to post: each stream replaced by a port whose other end this thread feeds once `start()` is
 * called (after the job is posted). `transfer` lists the ports, to pass to postMessage.
 */
export function sendTables(inputs: readonly (string | TableInput)[]): { tables: SentTable[]; transfer: MessagePort[]; start: () => void } {
  const transfer: MessagePort[] = [];
  const pumps: (() => void)[] = [];
  const tables = inputs.map((t): SentTable => {
    if (typeof t === 'string' || rereadable(t.data)) return t;
    const { port1, port2 } = new MessageChannel();
    transfer.push(port2);
    const data = t.data;
    pumps.push(() => void pump(port1, data));
    return { name: t.name, ...(t.format !== undefined ? { format: t.format } : {}), data: { port: port2 } };
  });
  return { tables, transfer, start: () => pumps.forEach((p) => p()) };
}

/** Feeds a port from a stream, at most {@link AHEAD} chunks ahead, until the end, an error or "stop". */
async function pump(port: MessagePort, data: TableData): Promise<void> {
  const it = chunksOf(data);
  let credit = AHEAD;
  let stopped = false;
  let wake: (() => void) | undefined;
  port.on('message', (m: Up) => {
    if (m === 'more') credit++;
    else stopped = true;
    wake?.();
  });
  try {
    for (;;) {
      while (credit === 0 && !stopped) await new Promise<void>((ok) => (wake = ok));
      if (stopped) break;
      const n = await it.next();
      if (n.done) {
        port.postMessage({ end: true } satisfies Down);
        break;
      }
      credit--;
      port.postMessage({ chunk: n.value } satisfies Down);
    }
  } catch (e) {
    port.postMessage({ error: packError(e) } satisfies Down);
  } finally {
    // Stopped early (or failed): the stream is cancelled rather than left half read.
    await it.return(undefined);
    port.close();
  }
}

/** In the thread: a table input with its port turned back into an async iterable of the stream's chunks. */
export function receiveTable(t: SentTable): string | TableInput {
  if (typeof t === 'string') return t;
  const d = t.data;
  if (typeof d === 'object' && d !== null && 'port' in d && !(d instanceof Uint8Array)) return { ...t, data: fromPort(d.port) };
  return t as TableInput;
}

async function* fromPort(port: MessagePort): AsyncGenerator<Uint8Array | string> {
  const queue: Down[] = [];
  let wake: (() => void) | undefined;
  port.on('message', (m: Down) => {
    queue.push(m);
    wake?.();
  });
  let ended = false;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((ok) => (wake = ok));
      const m = queue.shift()!;
      if ('end' in m) {
        ended = true;
        return;
      }
      if ('error' in m) {
        ended = true;
        throw unpackError(m.error);
      }
      port.postMessage('more' satisfies Up);
      yield m.chunk;
    }
  } finally {
    if (!ended) port.postMessage('stop' satisfies Up);
    port.close();
  }
}
