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
if (!host || !apiKey) throw new Error('NANGO_HOST and NANGO_API_KEY are required');

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
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
const page = `http://127.0.0.1:${server.address().port}/tests/wasm/browser.html?host=${encodeURIComponent(host)}&key=${encodeURIComponent(apiKey)}`;

const port = 9515 + Math.floor(Math.random() * 1000);
const driver = spawn(chromedriver, [`--port=${port}`], { stdio: 'ignore' });
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
