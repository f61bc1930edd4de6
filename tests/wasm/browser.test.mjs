// Runs the shared scenario in headless Chromium against pkg/browser.js: serves the
// repository over loopback, drives Chromium through chromedriver (WebDriver), and
// reads the results the page leaves in window.__results.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const host = process.env.NANGO_HOST;
const apiKey = process.env.NANGO_API_KEY;
const chromedriver = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
const hostile = process.env.NANGO_HOSTILE_HOST;
if (!host || !apiKey || !hostile) throw new Error('NANGO_HOST, NANGO_API_KEY and NANGO_HOSTILE_HOST are required');

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  // The local server's admin API answers no cross-origin page: the page calls it on its
  // own origin, and this relays the call (method, key, content type, body) from Node.
  if (req.url.startsWith('/_admin/')) {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const headers = {};
      for (const name of ['authorization', 'content-type']) {
        if (req.headers[name]) headers[name] = req.headers[name];
      }
      const answer = await fetch(host + req.url, { method: req.method, headers, body: body.length ? body : undefined });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (e) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`admin relay: ${e}`);
    }
    return;
  }
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
  if (!(path.startsWith('pkg/') || path.startsWith('tests/wasm/')) || path.includes('..')) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const page = `http://127.0.0.1:${server.address().port}/tests/wasm/browser.html?host=${encodeURIComponent(host)}&key=${encodeURIComponent(apiKey)}&hostile=${encodeURIComponent(hostile)}`;

// chromedriver picks a free port itself (`--port=0`) and names it on stdout: no port is
// guessed, so none can be taken by another process in between.
const driver = spawn(chromedriver, ['--port=0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const port = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`chromedriver named no port within 30 s:\n${out}`)), 30000);
  driver.once('error', (e) => {
    clearTimeout(timer);
    reject(e);
  });
  driver.once('exit', (code) => {
    clearTimeout(timer);
    reject(new Error(`chromedriver exited (${code}):\n${out}`));
  });
  driver.stdout.on('data', (chunk) => {
    out += chunk;
    const match = out.match(/started successfully on port (\d+)/);
    if (match) {
      clearTimeout(timer);
      resolve(Number(match[1]));
    }
  });
}).catch((e) => {
  driver.kill();
  server.close();
  throw e;
});
const wd = async (method, path, body) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`webdriver ${method} ${path}: ${JSON.stringify(json)}`);
  return json.value;
};

let passed = 0;
let failed = 0;
let session;
try {
  for (let i = 0; ; i++) {
    try {
      await wd('GET', '/status');
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic'];
  session = (await wd('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'chrome', 'goog:chromeOptions': { args } } } })).sessionId;
  await wd('POST', `/session/${session}/url`, { url: page });
  let results = null;
  for (let i = 0; i < 3000 && !results; i++) {
    results = await wd('POST', `/session/${session}/execute/sync`, { script: 'return window.__results ?? null', args: [] });
    if (!results) await new Promise((r) => setTimeout(r, 100));
  }
  if (!results) throw new Error('the page did not finish in 300 s');
  for (const r of results) {
    if (r.ok) {
      passed++;
      console.log(`ok - ${r.name} (${r.ms} ms)`);
    } else {
      failed++;
      console.log(`not ok - ${r.name}\n${r.error}`);
    }
  }
} finally {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  driver.kill();
  server.close();
}
console.log(`browser: ${passed} passed; ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
