// The npm package as a user gets it. `cargo xtask test` packs pkg/ (`npm pack`), installs
// the tarball offline into an empty project in a temporary folder, copies this file there
// and runs it, so that `nango-wasm` below is the installed copy (its `files`, `exports`
// and Node entry), not the repository's folder. Against the local Nango server the task
// started (NANGO_HOST, NANGO_API_KEY): real calls, and a webhook the server sends,
// verified. Closes with `pack: N passed, M failed`.
import { createServer } from 'node:http';
import { Nango, NangoError } from 'nango-wasm';

const host = process.env.NANGO_HOST;
const apiKey = process.env.NANGO_API_KEY;
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok - ${name}`);
  } else {
    failed += 1;
    console.log(`not ok - ${name} ${detail}`);
  }
}

async function admin(method, path, body) {
  const res = await fetch(`${host}/_admin/${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status}`);
  return res.status === 204 ? null : res.json();
}

// Receives one webhook: resolves to its raw body and headers.
function receiver() {
  let deliver;
  const delivery = new Promise((resolve) => (deliver = resolve));
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.end('ok');
      deliver({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, delivery, url: `http://127.0.0.1:${server.address().port}/webhooks` }));
  });
}

try {
  const entry = import.meta.resolve('nango-wasm');
  check('the installed package is imported, through its Node entry', entry.includes('/node_modules/nango-wasm/') && entry.endsWith('/node.js'), entry);

  const info = await admin('GET', 'info');
  const nango = new Nango({ apiKey, host, webhookSigningKey: info.webhook_signing_key });
  const { connections } = await nango.listConnections();
  check('listConnections: the seeded connections', connections.some((c) => c.connection_id === 'demo-github'), JSON.stringify(connections));

  try {
    await nango.getConnection('github', 'no-such-connection');
    check('getConnection of a missing connection rejects', false);
  } catch (e) {
    check('getConnection of a missing connection rejects with a NangoError', e instanceof NangoError && e.status === 404, String(e));
  }

  // A sync run sends a webhook signed with the environment's key: verified as received.
  const hook = await receiver();
  await admin('POST', 'webhook-url', { url: hook.url });
  try {
    await nango.triggerSync('github', ['items'], 'demo-github');
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no webhook within 10 s')), 10_000));
    const { body, headers } = await Promise.race([hook.delivery, timeout]);
    check('a webhook of the server verifies', nango.verifyIncomingWebhookRequest(body, headers) === true, body);
    check('a changed webhook does not', nango.verifyIncomingWebhookRequest(`${body} `, headers) === false);
  } finally {
    await admin('POST', 'webhook-url', { url: null });
    hook.server.close();
  }
} catch (e) {
  check('the smoke test ran to its end', false, e?.stack ?? String(e));
}

console.log(`pack: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
