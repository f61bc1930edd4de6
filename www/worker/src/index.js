// A Cloudflare Worker in front of Nango, built on the `nango-wasm` package (the
// official @nangohq/node API, compiled to WebAssembly; no nodejs_compat needed).
//
//   POST /webhooks/nango         Nango's webhooks: verified, parsed, kept (recent ones)
//   GET  /api/events             the recent webhooks, verified or rejected, newest first
//   POST /api/sessions           {userId} -> a connect session (token and connect link)
//   GET  /api/connections        ?userId= -> that user's connections with their metadata
//   POST /api/proxy              {connectionId, integration, endpoint} -> a proxied GET
//   GET  /api/info               which runtime serves the page
//
// Everything else is the page in ../page, served as static assets (wrangler.jsonc).
// The secret key and the webhook signing key are bindings (secrets): they never
// leave the Worker.
import { Nango, NangoError } from 'nango-wasm';

const MAX_EVENTS = 50;

// Recent webhooks, in this isolate's memory: enough for a demo and the tests. In
// production, keep them in a Durable Object (one per account) or in KV/D1, since
// isolates are many and short-lived.
const events = [];
let nextEventId = 1;

let client;

/** One client per isolate, from the bindings (`NANGO_SECRET_KEY`, ...). */
function nango(env) {
  client ??= new Nango({
    apiKey: env.NANGO_SECRET_KEY,
    host: env.NANGO_HOST || undefined,
    webhookSigningKey: env.NANGO_WEBHOOK_SIGNING_KEY || undefined,
  });
  return client;
}

function json(data, status = 200) {
  return Response.json(data, { status, headers: { 'cache-control': 'no-store' } });
}

function badRequest(message) {
  return json({ error: message }, 400);
}

/** A failed Nango call as an answer the page can show (never the request's headers). */
function nangoFailure(error) {
  if (error instanceof NangoError) {
    return json({ error: error.message, status: error.status ?? null }, 502);
  }
  throw error;
}

function remember(event) {
  events.unshift({ id: nextEventId++, receivedAt: new Date().toISOString(), ...event });
  events.length = Math.min(events.length, MAX_EVENTS);
}

/** What the page shows of a verified webhook. */
function summarize(body) {
  return {
    type: body.type ?? null,
    operation: body.operation ?? null,
    connectionId: body.connectionId ?? null,
    integration: body.providerConfigKey ?? null,
    success: typeof body.success === 'boolean' ? body.success : null,
  };
}

async function receiveWebhook(request, env) {
  // Verify the exact bytes Nango signed, before parsing anything.
  const body = await request.text();
  if (!nango(env).verifyIncomingWebhookRequest(body, request.headers)) {
    remember({ verified: false, reason: 'bad or missing X-Nango-Hmac-Sha256 signature' });
    return json({ error: 'invalid signature' }, 401);
  }
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    remember({ verified: true, reason: 'signed, but not JSON' });
    return json({ error: 'not JSON' }, 400);
  }
  remember({ verified: true, ...summarize(parsed) });
  return json({ ok: true });
}

async function readJson(request) {
  try {
    const body = await request.json();
    return body && typeof body === 'object' ? body : {};
  } catch {
    return {};
  }
}

async function createSession(request, env) {
  const { userId, integration } = await readJson(request);
  if (!userId) return badRequest('userId is required');
  const { data } = await nango(env).createConnectSession({
    tags: { end_user_id: String(userId) },
    ...(integration ? { allowed_integrations: [String(integration)] } : {}),
  });
  return json({ token: data.token, connectLink: data.connect_link, expiresAt: data.expires_at });
}

async function listConnections(url, env) {
  const userId = url.searchParams.get('userId');
  if (!userId) return badRequest('userId is required');
  const client = nango(env);
  const { connections } = await client.listConnections({ tags: { end_user_id: userId } });
  const withMetadata = await Promise.all(
    connections.map(async (c) => ({
      connectionId: c.connection_id,
      integration: c.provider_config_key,
      provider: c.provider,
      created: c.created,
      metadata: await client.getMetadata(c.provider_config_key, c.connection_id),
    })),
  );
  return json({ connections: withMetadata });
}

async function proxy(request, env) {
  const { connectionId, integration, endpoint } = await readJson(request);
  if (!connectionId || !integration || !endpoint) {
    return badRequest('connectionId, integration and endpoint are required');
  }
  // A real app would first check that this connection belongs to the signed-in user.
  const res = await nango(env).get({
    endpoint: String(endpoint),
    providerConfigKey: String(integration),
    connectionId: String(connectionId),
    // Only for local runs: send the call to a local API instead of the provider's.
    baseUrlOverride: env.PROXY_BASE_URL_OVERRIDE || undefined,
  });
  return json({ status: res.status, data: res.data });
}

async function route(request, env) {
  const url = new URL(request.url);
  const key = `${request.method} ${url.pathname}`;
  switch (key) {
    case 'POST /webhooks/nango':
      return receiveWebhook(request, env);
    case 'GET /api/info':
      return json({ runtime: 'Cloudflare Worker (workerd)' });
    case 'GET /api/events':
      return json({ events });
    case 'POST /api/sessions':
      return createSession(request, env);
    case 'GET /api/connections':
      return listConnections(url, env);
    case 'POST /api/proxy':
      return proxy(request, env);
    default:
      return json({ error: 'not found' }, 404);
  }
}

export default {
  async fetch(request, env) {
    try {
      return await route(request, env);
    } catch (error) {
      return nangoFailure(error);
    }
  },
};
