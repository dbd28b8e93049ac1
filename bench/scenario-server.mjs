// Scenario: a server's view (issue 26, item 8). (1) The event loop while 1,000,000 dossier rows are summarised on
// the main thread from a stream (the library hands it a turn every few ms): the longest delay. (2) The guide's
// server, examples/district-server.mjs, started as a user starts it: requests per second and latency of scoring
// the example's 11 communes over HTTP (8 clients, keep-alive), and (3) the same /score asked again and again while
// a 200,000-row export is uploaded, with the server's own event-loop delay over the upload (GET /metrics).
import { spawn } from 'node:child_process';
import { createReadStream, unlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { generateCsv } from './scenario-dossiers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The delays of the event loop (max and 99th percentile, ms) while `work` runs, sampled every millisecond. */
async function loopDelay(work) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  h.disable();
  return { ms, maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, result };
}

/** Rows of the dossier generator summarised from a stream on this thread; the longest event-loop delay. */
async function mainThreadSummary(n) {
  const { readCalendar, summariseRecordFiles } = await import('../dist/io.js');
  const path = await generateCsv(n);
  const calendar = readCalendar('vn');
  const period = { from: '2021-01-01', to: '2021-12-31' };
  // Warm-up on a small stream, so the first batches do not also measure compiling the reader.
  await summariseRecordFiles([path], { calendar, period, table: { maxRows: 5000 } }).catch(() => undefined);
  const d = await loopDelay(() => summariseRecordFiles([{ name: 'upload.csv', data: createReadStream(path) }], { calendar, period }));
  if (d.result.rows.in !== n) throw new Error(`server: summarised ${d.result.rows.in} rows of ${n}`);
  return d;
}

/** Starts the guide's server; resolves to its address and a stop function. */
function startServer() {
  const child = spawn(process.execPath, ['examples/district-server.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      const m = /listening on (http:\/\/\S+)/.exec(String(c));
      if (m) resolve({ base: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One request; resolves to its status, body and time in ms. A `file` body is streamed. */
function call(base, method, path, file) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(parts).toString('utf8'), ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    if (file) createReadStream(file).pipe(req);
    else req.end();
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function runServerScenario({ smoke }) {
  const rows = [];
  const n = smoke ? 20_000 : 1_000_000;
  const main = await mainThreadSummary(n);
  rows.push({
    scenario: `event loop during a ${n.toLocaleString('en')}-row summary on the main thread (stream): longest delay`,
    ms: main.maxMs,
    target: 'under 50 ms',
    met: smoke || main.maxMs < 50,
    extra: { p99Ms: +main.p99Ms.toFixed(1), summaryMs: +main.ms.toFixed(0) },
  });

  const server = await startServer();
  try {
    const first = await call(server.base, 'GET', '/score');
    const units = JSON.parse(first.body).length;
    if (first.status !== 200 || units !== 11) throw new Error(`server: GET /score gave ${first.status} with ${units} units`);
    for (let i = 0; i < 20; i++) await call(server.base, 'GET', '/score');
    // Closed loop: 8 clients, each sending its next request when the last is answered, for a fixed time.
    const seconds = smoke ? 1 : 10;
    const lat = [];
    const until = performance.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < until) lat.push((await call(server.base, 'GET', '/score')).ms);
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    lat.sort((a, b) => a - b);
    rows.push({
      scenario: `HTTP GET /score (11 units scored and ranked), 8 clients, ${seconds} s: median latency`,
      ms: pct(lat, 50),
      target: '(reported)',
      met: true,
      extra: { requestsPerSecond: +(lat.length / wall).toFixed(0), p99Ms: +pct(lat, 99).toFixed(1), requests: lat.length },
    });

    // A 200,000-row upload while one client asks /score again and again.
    const up = smoke ? 10_000 : 200_000;
    const file = await generateCsv(up);
    await call(server.base, 'GET', '/metrics');
    let done = false;
    const upload = call(server.base, 'POST', `/dossiers?name=ho-so.csv&from=2021-01-01&to=2021-12-31`, file).finally(() => (done = true));
    const during = [];
    while (!done) during.push((await call(server.base, 'GET', '/score')).ms);
    const u = await upload;
    const metrics = JSON.parse((await call(server.base, 'GET', '/metrics')).body);
    if (u.status !== 200 || JSON.parse(u.body).rows.in !== up)
      throw new Error(`server: the upload gave ${u.status} ${u.body.slice(0, 200)}`);
    during.sort((a, b) => a - b);
    rows.push({
      scenario: `HTTP GET /score during a ${up.toLocaleString('en')}-row upload (POST /dossiers): slowest`,
      ms: during[during.length - 1] ?? 0,
      target: 'under 100 ms',
      met: smoke || (during.length > 0 && during[during.length - 1] < 100),
      extra: {
        requests: during.length,
        medianMs: +(pct(during, 50) ?? 0).toFixed(1),
        uploadMs: +u.ms.toFixed(0),
        serverEventLoopDelayMaxMs: +metrics.eventLoopDelayMaxMs.toFixed(1),
      },
    });
    if (!smoke) unlinkSync(file);
  } finally {
    server.stop();
    agent.destroy();
  }
  return rows;
}
