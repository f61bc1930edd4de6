// Runs the www examples offline against the local Nango server.
//
//   node run.mjs            the checks: each app over HTTP (with real signed webhooks
//                           from the local server and forged ones), then the page in
//                           headless Chromium; screenshots in artifacts/; closes with
//                           `N passed, M failed`
//   node run.mjs --serve    starts everything and keeps it running, for a person
//
// `cargo xtask www` builds what this needs (pkg/, the local server, the native
// server, npm packages) and runs it.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { httpCases } from './http.mjs';
import { runCases } from './lib/assert.mjs';
import { freePort, stopAll } from './lib/processes.mjs';
import { WWW, startDeno, startNango, startNative, startUpstream, startWorker } from './lib/services.mjs';
import { launchBrowser, pageCases } from './page.mjs';

const ARTIFACTS = join(WWW, 'tests/artifacts');
const LOGS = join(ARTIFACTS, 'logs');
const APPS = [
  ['worker', startWorker, 8787],
  ['deno', startDeno, 8000],
  ['native', startNative, 3000],
];

/** Starts one app; a failure to start is a failed check of that app. */
async function startApp(name, startFn, context) {
  try {
    return { app: await startFn(context) };
  } catch (e) {
    console.log(`not ok - ${name}: starts\n    ${String(e.message).replaceAll('\n', '\n    ')}`);
    return { app: null, count: { group: name, passed: 0, failed: 1 } };
  }
}

async function test() {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  const nango = await startNango({ logDir: LOGS });
  const upstream = await startUpstream();
  const context = { nango, upstream, logDir: LOGS };
  const counts = [];
  const apps = [];

  for (const [name, startFn] of APPS) {
    const { app, count } = await startApp(name, startFn, context);
    if (!app) {
      counts.push(count);
      continue;
    }
    apps.push(app);
    console.log(`\n# ${app.label} at ${app.url}`);
    // The local server sends its webhooks to the app under test.
    await nango.webhookTo([`${app.url}/webhooks/nango`]);
    counts.push(await runCases(`${name} (HTTP)`, httpCases({ app, nango, upstream })));
  }

  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    console.log(`not ok - Chromium starts\n    ${e.message}`);
    counts.push({ group: 'page (Chromium)', passed: 0, failed: 1 });
  }
  for (const app of browser ? apps : []) {
    console.log(`\n# the page served by the ${app.label}, in headless Chromium`);
    await nango.webhookTo([`${app.url}/webhooks/nango`]);
    const artifacts = ARTIFACTS;
    counts.push(await runCases(`${app.name} page (Chromium)`, pageCases({ browser, app, nango, artifacts }), { stopOnFailure: true }));
  }
  await browser?.close();
  await upstream.close();
  return counts;
}

function report(counts) {
  console.log('\nwww:');
  let passed = 0;
  let failed = 0;
  const empty = [];
  for (const c of counts) {
    console.log(`  ${c.group}: ${c.passed} passed, ${c.failed} failed`);
    passed += c.passed;
    failed += c.failed;
    if (c.passed + c.failed === 0) empty.push(c.group);
  }
  // Every runtime must have run checks: a missing group is a failure too.
  for (const name of ['worker (HTTP)', 'deno (HTTP)', 'native (HTTP)', 'worker page (Chromium)']) {
    if (!counts.some((c) => c.group === name && c.passed > 0)) empty.push(name);
  }
  if (empty.length) console.log(`  no check passed in: ${[...new Set(empty)].join(', ')}`);
  console.log(`  screenshots: ${ARTIFACTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && empty.length === 0;
}

async function serve() {
  mkdirSync(LOGS, { recursive: true });
  const nango = await startNango({ logDir: LOGS });
  const upstream = await startUpstream();
  const context = { nango, upstream, logDir: LOGS };
  const apps = [];
  for (const [name, startFn, port] of APPS) {
    // The usual ports when they are free (wrangler's 8787, Deno's 8000, 3000).
    const { app } = await startApp(name, startFn, { ...context, port: await freePort(port) });
    if (app) apps.push(app);
  }
  await nango.webhookTo(apps.map((a) => `${a.url}/webhooks/nango`));
  console.log(`\nlocal Nango server: ${nango.host} (its webhooks go to every app)`);
  console.log(`upstream API for the proxy calls: ${upstream.url}`);
  for (const app of apps) console.log(`${app.label.padEnd(45)} ${app.url}/`);
  console.log(`logs: ${LOGS}\nCtrl-C to stop.`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await upstream.close();
}

let success = false;
try {
  if (process.argv.includes('--serve')) {
    await serve();
    success = true;
  } else {
    success = report(await test());
  }
} catch (e) {
  console.error(e);
} finally {
  await stopAll();
}
process.exit(success ? 0 : 1);
