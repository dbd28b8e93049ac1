// A district's scoring service on node:http — the server of docs/guides/other-apps.md, run by its test
// (tests/project/server-guide.test.ts) and by the bench (bench/scenario-server.mjs).
//
//   node examples/district-server.mjs            listens on PORT (default 0: any free port) and prints its address
//
// GET  /score           the example's 11 communes scored and ranked (JSON rows)
// POST /score           evidence sent as JSON (one par-index/evidence@1 document) scored the same way
// POST /dossiers?name=  a one-stop export (CSV or XLSX) as the request body → its dossier summary
// GET  /report.html     the HTML report
// GET  /uncertainty     how sure each rank is (run in a worker thread)
// GET  /metrics         the event loop's delay since the last call (ms)
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { evaluate, loadEvidence, ParIndexError, rank } from 'par-index';
import { unitRows } from 'par-index/report';
import { dossierSource, inspectionSource, readCriteriaSet, readEvidenceSources, renderReportHtml, surveySource } from 'par-index/io';
import { ParIndexWorker } from 'par-index/worker';

// Loaded once, when the server starts: the criteria set and the year's evidence. A request only scores.
const CRITERIA = 'criteria/examples/van-lam-commune-2021.yaml';
const FOLDER = 'fixtures/van-lam-2021';
const set = readCriteriaSet(CRITERIA);
const evidence = await readEvidenceSources([FOLDER], { readers: [dossierSource, inspectionSource, surveySource], set });
// Heavy jobs — an export of a million rows, rank uncertainty's thousands of re-scorings — run on other threads,
// so this one keeps answering. Each thread loads the library once and keeps the criteria set it was given.
const worker = new ParIndexWorker({ threads: 2 });

// Limits on everything a request brings: the size of a body, the units of evidence, the rows of an export.
const MAX_JSON_BYTES = 5 * 1024 * 1024;
const EVIDENCE_LIMITS = { maxUnits: 1000, maxChars: MAX_JSON_BYTES };
const UPLOAD = { maxBytes: 200 * 1024 * 1024, maxRows: 2_000_000 };

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

/** An answer: status, type, body. */
const json = (body, status = 200) => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(body) });

/** A request body of at most `max` bytes, as text; a larger one is refused (413) before it is all read. */
async function text(req, max) {
  const parts = [];
  let n = 0;
  for await (const c of req) {
    n += c.length;
    if (n > max) return undefined;
    parts.push(c);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function route(req, url) {
  // The rows need no trace: scoring without one takes a third of the time (the report below has them).
  if (req.method === 'GET' && url.pathname === '/score')
    return json(unitRows(rank(evaluate(set, evidence, { trace: false }), set.ranking), 'en'));
  if (req.method === 'POST' && url.pathname === '/score') {
    const body = await text(req, MAX_JSON_BYTES);
    if (body === undefined) return json({ error: `larger than ${MAX_JSON_BYTES} bytes` }, 413);
    // Parsed as JSON (not YAML): faster, and a mistake gets a JSON parser's message with its line and column.
    const ev = loadEvidence([{ data: body, file: 'upload.json', syntax: 'json' }], { limits: EVIDENCE_LIMITS });
    return json(unitRows(rank(evaluate(set, ev, { trace: false }), set.ranking), 'en'));
  }
  if (req.method === 'POST' && url.pathname === '/dossiers') {
    // The body goes to a thread as it arrives (no temporary file), named as uploaded; the thread parses and counts.
    const name = url.searchParams.get('name') ?? 'upload.csv';
    const summary = await worker.summariseRecordFiles([{ name, data: req }], {
      calendar: 'vn',
      period: { from: url.searchParams.get('from') ?? '2020-12-15', to: url.searchParams.get('to') ?? '2021-12-15' },
      table: UPLOAD,
    });
    return json({ rows: summary.rows, units: Object.keys(summary.groups).length, received: summary.total.measures.received.count });
  }
  if (req.method === 'GET' && url.pathname === '/report.html') {
    const html = await renderReportHtml(rank(evaluate(set, evidence), set.ranking), { lang: 'vi', bands: set.bands?.levels });
    return { status: 200, type: 'text/html; charset=utf-8', body: html };
  }
  if (req.method === 'GET' && url.pathname === '/uncertainty') {
    const draws = Math.min(Number(url.searchParams.get('draws') ?? 200), 5000);
    const r = await worker.rankUncertainty(CRITERIA, FOLDER, undefined, { draws, seed: 1 });
    return json(r.units.map((u) => ({ unit: u.id, rank: u.rank, p05: u.p05, p95: u.p95 })));
  }
  if (req.method === 'GET' && url.pathname === '/metrics') {
    const m = { eventLoopDelayMaxMs: delay.max / 1e6, eventLoopDelayP99Ms: delay.percentile(99) / 1e6 };
    delay.reset();
    return json(m);
  }
  return json({ error: 'not found' }, 404);
}

const server = createServer((req, res) => {
  const send = (status, type, body) =>
    // A body not read to its end (refused at a limit or a wrong header): the connection closes with the answer,
    // rather than the server reading the rest of an upload it refused.
    res.writeHead(status, { 'content-type': type, ...(req.complete ? {} : { connection: 'close' }) }).end(body);
  route(req, new URL(req.url ?? '/', 'http://localhost')).then(
    (a) => send(a.status, a.type, a.body),
    (e) => {
      // A mistake in what was sent: 400 with every issue (code, file, place, both languages). `instanceof` works
      // whichever build (ES module or CommonJS) threw it: the class recognises its own brand.
      if (e instanceof ParIndexError) send(400, 'application/json; charset=utf-8', JSON.stringify({ issues: e.issues }));
      else {
        console.error(e);
        send(500, 'text/plain', 'internal error');
      }
    },
  );
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
const stop = () => server.close(() => void worker.close());
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
