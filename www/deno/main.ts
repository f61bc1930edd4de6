// A Deno function in front of Nango, built on the `nango-wasm` package (the
// official @nangohq/node API, compiled to WebAssembly). The same routes as the
// Cloudflare Worker (../worker) and the native server (../native):
//
//   POST /webhooks/nango     Nango's webhooks: verified, parsed, kept (recent ones)
//   GET  /api/events         the recent webhooks, verified or rejected, newest first
//   POST /api/sessions       {userId} -> a connect session (token and connect link)
//   GET  /api/connections    ?userId= -> that user's connections with their metadata
//   POST /api/proxy          {connectionId, integration, endpoint} -> a proxied GET
//   GET  /api/info           which runtime serves the page
//   GET  /                   the page (../page)
//
// Configuration from the environment: NANGO_SECRET_KEY, NANGO_HOST,
// NANGO_WEBHOOK_SIGNING_KEY, PORT, and PROXY_BASE_URL_OVERRIDE (local runs only).
//
//   deno task start
import { Nango, NangoError } from 'nango-wasm';

const MAX_EVENTS = 50;

interface WebhookRecord {
  id: number;
  receivedAt: string;
  verified: boolean;
  reason?: string;
  type?: string | null;
  operation?: string | null;
  connectionId?: string | null;
  integration?: string | null;
  success?: boolean | null;
}

function env(name: string): string | undefined {
  return Deno.env.get(name) || undefined;
}

const secretKey = env('NANGO_SECRET_KEY');
if (!secretKey) throw new Error('set NANGO_SECRET_KEY');

const nango = new Nango({
  apiKey: secretKey,
  host: env('NANGO_HOST'),
  webhookSigningKey: env('NANGO_WEBHOOK_SIGNING_KEY'),
});
const proxyBaseUrl = env('PROXY_BASE_URL_OVERRIDE');

// Recent webhooks, in this process's memory. On Deno Deploy, with several
// isolates, keep them in Deno KV instead.
const events: WebhookRecord[] = [];
let nextEventId = 1;

// The page: three static files, read once.
const pageDir = new URL('../page/', import.meta.url);
const contentTypes: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};
const page = new Map<string, string>();
for (const name of Object.keys(contentTypes)) {
  page.set(name, await Deno.readTextFile(new URL(name, pageDir)));
}

function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { 'cache-control': 'no-store' } });
}

function badRequest(message: string): Response {
  return json({ error: message }, 400);
}

function remember(event: Omit<WebhookRecord, 'id' | 'receivedAt'>): void {
  events.unshift({ id: nextEventId++, receivedAt: new Date().toISOString(), ...event });
  events.length = Math.min(events.length, MAX_EVENTS);
}

// deno-lint-ignore no-explicit-any
function summarize(body: any): Omit<WebhookRecord, 'id' | 'receivedAt' | 'verified'> {
  return {
    type: body?.type ?? null,
    operation: body?.operation ?? null,
    connectionId: body?.connectionId ?? null,
    integration: body?.providerConfigKey ?? null,
    success: typeof body?.success === 'boolean' ? body.success : null,
  };
}

async function receiveWebhook(request: Request): Promise<Response> {
  // Verify the exact bytes Nango signed, before parsing anything.
  const body = await request.text();
  if (!nango.verifyIncomingWebhookRequest(body, request.headers)) {
    remember({ verified: false, reason: 'bad or missing X-Nango-Hmac-Sha256 signature' });
    return json({ error: 'invalid signature' }, 401);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    remember({ verified: true, reason: 'signed, but not JSON' });
    return json({ error: 'not JSON' }, 400);
  }
  remember({ verified: true, ...summarize(parsed) });
  return json({ ok: true });
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const body = await request.json().catch(() => null);
  return body && typeof body === 'object' ? body : {};
}

async function createSession(request: Request): Promise<Response> {
  const { userId, integration } = await readJson(request);
  if (!userId) return badRequest('userId is required');
  const { data } = await nango.createConnectSession({
    tags: { end_user_id: String(userId) },
    ...(integration ? { allowed_integrations: [String(integration)] } : {}),
  });
  return json({ token: data.token, connectLink: data.connect_link, expiresAt: data.expires_at });
}

async function listConnections(url: URL): Promise<Response> {
  const userId = url.searchParams.get('userId');
  if (!userId) return badRequest('userId is required');
  const { connections } = await nango.listConnections({ tags: { end_user_id: userId } });
  const withMetadata = await Promise.all(
    connections.map(async (c) => ({
      connectionId: c.connection_id,
      integration: c.provider_config_key,
      provider: c.provider,
      created: c.created,
      metadata: await nango.getMetadata(c.provider_config_key, c.connection_id),
    })),
  );
  return json({ connections: withMetadata });
}

async function proxy(request: Request): Promise<Response> {
  const { connectionId, integration, endpoint } = await readJson(request);
  if (!connectionId || !integration || !endpoint) {
    return badRequest('connectionId, integration and endpoint are required');
  }
  // A real app would first check that this connection belongs to the signed-in user.
  const res = await nango.get({
    endpoint: String(endpoint),
    providerConfigKey: String(integration),
    connectionId: String(connectionId),
    // Only for local runs: send the call to a local API instead of the provider's.
    baseUrlOverride: proxyBaseUrl,
  });
  return json({ status: res.status, data: res.data });
}

function staticFile(pathname: string): Response | undefined {
  const name = pathname === '/' ? 'index.html' : pathname.slice(1);
  const body = page.get(name);
  return body === undefined ? undefined : new Response(body, { headers: { 'content-type': contentTypes[name] } });
}

function route(request: Request): Promise<Response> | Response {
  const url = new URL(request.url);
  switch (`${request.method} ${url.pathname}`) {
    case 'POST /webhooks/nango':
      return receiveWebhook(request);
    case 'GET /api/info':
      return json({ runtime: 'Deno' });
    case 'GET /api/events':
      return json({ events });
    case 'POST /api/sessions':
      return createSession(request);
    case 'GET /api/connections':
      return listConnections(url);
    case 'POST /api/proxy':
      return proxy(request);
  }
  return (request.method === 'GET' && staticFile(url.pathname)) || json({ error: 'not found' }, 404);
}

async function handle(request: Request): Promise<Response> {
  try {
    return await route(request);
  } catch (error) {
    if (error instanceof NangoError) {
      return json({ error: error.message, status: error.status ?? null }, 502);
    }
    console.error(error);
    return json({ error: 'internal error' }, 500);
  }
}

const port = Number(env('PORT') ?? 8000);
Deno.serve({ hostname: '127.0.0.1', port }, handle);
