// The checks every app (Worker, Deno function, native server) passes, over HTTP,
// against the local Nango server: the same routes, the same answers.
import { createHmac } from 'node:crypto';
import { eq, eventually, ok } from './lib/assert.mjs';

/** `fetch` on the app, answering `{ status, type, data }` (JSON parsed when it is JSON). */
async function call(app, method, path, body, headers = {}) {
  const res = await fetch(app.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let data = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, type: res.headers.get('content-type') || '', data, text };
}

const sign = (key, body) => createHmac('sha256', key).update(body).digest('hex');

async function events(app) {
  const { status, data } = await call(app, 'GET', '/api/events');
  eq(status, 200, 'GET /api/events');
  return data.events;
}

/** Waits for the app to show a verified webhook about `connectionId`. */
function verifiedWebhook(app, connectionId) {
  return eventually(
    async () => (await events(app)).find((e) => e.verified && e.connectionId === connectionId),
    { what: `a verified webhook about ${connectionId}`, timeoutMs: 30_000 },
  );
}

export function httpCases({ app, nango, upstream }) {
  // Each run starts its own local server: a fixed id per app is unique there.
  const userId = `user-${app.name}`;
  const secrets = [nango.apiKey, nango.signingKey];
  const state = {};

  return [
    {
      name: 'the page and its script are served, without any key in them',
      async run() {
        const page = await call(app, 'GET', '/');
        eq(page.status, 200, 'GET /');
        ok(page.type.startsWith('text/html'), `GET / is HTML (${page.type})`);
        ok(page.text.includes('Nango integrations demo'), 'the page title');
        const script = await call(app, 'GET', '/app.js');
        eq(script.status, 200, 'GET /app.js');
        ok(/javascript/.test(script.type), `app.js is JavaScript (${script.type})`);
        for (const text of [page.text, script.text]) {
          for (const secret of secrets) ok(!text.includes(secret), 'a key leaked into the page');
        }
      },
    },
    {
      name: 'GET /api/info names the runtime',
      async run() {
        const { status, data } = await call(app, 'GET', '/api/info');
        eq(status, 200);
        ok(typeof data.runtime === 'string' && data.runtime.length > 0, 'runtime');
      },
    },
    {
      name: 'POST /api/sessions creates a connect session for the user',
      async run() {
        const { status, data } = await call(app, 'POST', '/api/sessions', { userId });
        eq(status, 200, 'status');
        ok(data.token?.startsWith('nango_connect_session_'), `token: ${data.token}`);
        eq(data.connectLink, `${nango.host}/connect-ui?session_token=${data.token}`, 'connect link');
        ok(Date.parse(data.expiresAt) > Date.now(), `expiresAt in the future: ${data.expiresAt}`);
        for (const secret of secrets) ok(!JSON.stringify(data).includes(secret), 'a key in the answer');
        state.session = data;
        const missing = await call(app, 'POST', '/api/sessions', {});
        eq(missing.status, 400, 'without userId');
      },
    },
    {
      name: "a signed auth webhook from Nango (connect flow) is verified and kept",
      async run() {
        ok(state.session, 'needs the session of the previous check');
        // What the Connect UI does when the user authorises GitHub.
        const done = await nango.api('POST', '/connect-ui/complete', {
          session_token: state.session.token,
          integration: 'github',
        });
        state.github = done.connectionId;
        const event = await verifiedWebhook(app, state.github);
        eq(event.type, 'auth', 'type');
        eq(event.operation, 'creation', 'operation');
        eq(event.integration, 'github', 'integration');
        eq(event.success, true, 'success');
        // The app may show the webhook before the local server has stored the app's
        // answer in its delivery record: wait (bounded) until the delivery is done.
        const delivery = await eventually(
          async () => {
            const { webhooks } = await nango.admin('GET', 'webhooks');
            return webhooks.find((w) => w.url === `${app.url}/webhooks/nango` && w.body.includes(`"${state.github}"`) && w.done);
          },
          { what: 'the local server recorded the finished delivery' },
        );
        state.delivery = delivery;
        eq(delivery.status, 200, 'the app answered the signed webhook');
      },
    },
    {
      name: 'a connection imported through the API (with metadata) is reported by webhook too',
      async run() {
        state.airtable = `${userId}-airtable`;
        await nango.api('POST', '/connections', {
          provider_config_key: 'airtable',
          connection_id: state.airtable,
          credentials: { type: 'API_KEY', apiKey: 'pat-www-test' },
          metadata: { plan: 'pro', seats: 3 },
          tags: { end_user_id: userId },
        });
        const event = await verifiedWebhook(app, state.airtable);
        eq([event.type, event.integration], ['auth', 'airtable']);
      },
    },
    {
      name: "GET /api/connections lists only the user's connections, with their metadata",
      async run() {
        const { status, data } = await call(app, 'GET', `/api/connections?userId=${encodeURIComponent(userId)}`);
        eq(status, 200, 'status');
        const byId = Object.fromEntries(data.connections.map((c) => [c.connectionId, c]));
        eq(Object.keys(byId).sort(), [state.airtable, state.github].sort(), 'connection ids');
        eq(byId[state.airtable].metadata, { plan: 'pro', seats: 3 }, 'metadata');
        eq(byId[state.airtable].integration, 'airtable', 'integration');
        eq(byId[state.github].provider, 'github', 'provider');
        eq(byId[state.github].metadata, {}, 'no metadata yet');
        const other = await call(app, 'GET', '/api/connections?userId=nobody-else');
        eq(other.data.connections, [], "another user's list");
        eq((await call(app, 'GET', '/api/connections')).status, 400, 'without userId');
      },
    },
    {
      name: 'forged, unsigned and tampered webhooks are refused (401) and shown as rejected',
      async run() {
        const before = (await events(app)).filter((e) => !e.verified).length;
        // Nango's real delivery: its exact bytes and signature.
        const { body, headers } = state.delivery;
        const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
        const signature = pairs.find(([k]) => k.toLowerCase() === 'x-nango-hmac-sha256')?.[1];
        ok(signature, 'the delivery was signed');
        const forged = await call(app, 'POST', '/webhooks/nango', body, { 'x-nango-hmac-sha256': sign('not-the-key', body) });
        eq(forged.status, 401, 'signed with another key');
        const unsigned = await call(app, 'POST', '/webhooks/nango', body);
        eq(unsigned.status, 401, 'no signature');
        const tampered = body.replace(state.github, 'tampered-id');
        ok(tampered !== body, 'the body was changed');
        const changed = await call(app, 'POST', '/webhooks/nango', tampered, { 'x-nango-hmac-sha256': signature });
        eq(changed.status, 401, 'changed body, original signature');
        const after = await events(app);
        eq(after.filter((e) => !e.verified).length, before + 3, 'three more rejected entries');
        eq(after[0].verified, false, 'the newest entry is rejected');
        ok(!after.some((e) => e.connectionId === 'tampered-id'), 'nothing of a forged body is kept');
        // The genuine bytes with their signature are accepted (again: Nango's
        // webhooks carry no timestamp, so deduplicate on your side if it matters).
        const genuine = await call(app, 'POST', '/webhooks/nango', body, { 'x-nango-hmac-sha256': signature });
        eq(genuine.status, 200, 'the genuine delivery');
      },
    },
    {
      name: "POST /api/proxy calls the provider with the connection's credentials",
      async run() {
        const conn = await nango.api('GET', `/connections/${encodeURIComponent(state.github)}?provider_config_key=github`);
        const token = conn.credentials.access_token;
        ok(token, 'the connection has an access token');
        const seen = upstream.requests.length;
        const { status, data } = await call(app, 'POST', '/api/proxy', {
          connectionId: state.github,
          integration: 'github',
          endpoint: '/user',
        });
        eq(status, 200, 'status');
        eq(data.status, 200, 'upstream status');
        eq([data.data.path, data.data.method, data.data.login], ['/user', 'GET', 'octocat'], 'upstream answer');
        const received = upstream.requests.slice(seen);
        eq(received.length, 1, 'one request upstream');
        eq(received[0].authorization, `Bearer ${token}`, 'the token injected by Nango');
        ok(!JSON.stringify(data).includes(token), 'the full token is not sent to the page');
      },
    },
    {
      name: 'proxy errors are answered, not thrown',
      async run() {
        eq((await call(app, 'POST', '/api/proxy', { integration: 'github' })).status, 400, 'missing fields');
        const unknown = await call(app, 'POST', '/api/proxy', { connectionId: 'nope', integration: 'github', endpoint: '/user' });
        eq(unknown.status, 502, 'unknown connection');
        ok(unknown.data.status >= 400 && unknown.data.status < 500, `Nango's status passed on: ${unknown.data.status}`);
        ok(typeof unknown.data.error === 'string' && unknown.data.error.length > 0, 'an error message');
      },
    },
    {
      name: 'unknown routes answer 404',
      async run() {
        eq((await call(app, 'GET', '/api/nothing')).status, 404);
        const { status } = await call(app, 'DELETE', '/api/events');
        ok(status === 404 || status === 405, `DELETE /api/events: ${status}`);
      },
    },
  ];
}
