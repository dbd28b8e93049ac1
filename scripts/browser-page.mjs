// Runs a script bundle in a page and returns what the page wrote: in headless Chromium (Debian's package), or
// in the fallback, a `node:vm` context with only what a browser page offers (no process, require, Buffer).
// Used by tests/project/browser.test.ts (the repository's build) and scripts/test-package.mjs (the installed package).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];

/**
 * The page has `<script type="application/json" id="input">` holding `input` and `<pre id="out">`; `pageScript`
 * reads the first and writes base64 of UTF-8 JSON into the second. Returns the parsed JSON.
 * @param {{ code: string, pageScript: string, input: unknown, mode: 'chromium' | 'vm', chromium?: string }} o
 */
export function runPage({ code, pageScript, input, mode, chromium = '/usr/bin/chromium' }) {
  if (mode === 'vm') {
    const elements = { input: { textContent: JSON.stringify(input) }, out: { textContent: '' } };
    const context = {
      document: { getElementById: (id) => elements[id] },
      navigator: { userAgent: 'node:vm browser-like context' },
      // Web platform globals a browser has and a bare V8 context lacks.
      TextEncoder,
      TextDecoder,
      structuredClone,
      URL,
      URLSearchParams,
      atob,
      btoa,
      queueMicrotask,
      setTimeout,
      clearTimeout,
      crypto: globalThis.crypto,
      console,
    };
    runInNewContext(`${code}\n${pageScript}`, context, { timeout: 120_000 });
    return JSON.parse(Buffer.from(elements.out.textContent, 'base64').toString('utf8'));
  }
  const dir = mkdtempSync(join(tmpdir(), 'par-browser-'));
  try {
    // JSON inside a <script type="application/json"> must not close the element early.
    const safeJson = JSON.stringify(input).replace(/</g, '\\u003c');
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script type="application/json" id="input">${safeJson}</script><pre id="out">not run</pre><script>${code.replace(/<\/script/gi, '<\\/script')}</script><script>${pageScript}</script></body></html>`;
    const file = join(dir, 'page.html');
    writeFileSync(file, page);
    const dom = execFileSync(
      chromium,
      [...CHROMIUM_FLAGS, `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=20000', '--dump-dom', `file://${file}`],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const m = /<pre id="out">([^<]*)<\/pre>/.exec(dom);
    if (!m) throw new Error(`the page produced no result: ${dom.slice(0, 500)}`);
    if (m[1] === 'not run') throw new Error('the page script did not run');
    return JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
