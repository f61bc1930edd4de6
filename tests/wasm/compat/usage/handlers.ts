// (A Worker's Headers is iterable: with lib ["ES2022", "DOM"] alone it is not, so this file
// pulls in lib dom.iterable itself, as @cloudflare/workers-types would.)
// Compatibility test (issue 20), usage side: two typical webhook receivers written
// against `@nangohq/node` (the test swaps that module name for the package):
//   1. a Cloudflare Worker (module syntax, `export default { fetch }`),
//   2. an Express-style handler with minimal local request/response types.
// Both verify the webhook signature on the raw body, narrow the body by `type`
// (and `success`), then call getConnection / proxy / listRecords.

import { Nango } from '@nangohq/node';
import type {
    ApiPublicConnectionFull,
    GetPublicConnection,
    NangoAuthWebhookBody,
    NangoRecord,
    NangoSyncWebhookBody,
    NangoWebhookBody,
    ProxyConfiguration
} from '@nangohq/node';

// ---------------------------------------------------------------------------
// Shared user code
// ---------------------------------------------------------------------------

interface SlackAuthTest {
    ok: boolean;
    team: string;
    user_id: string;
}

interface Contact {
    id: string;
    email: string;
    name?: string;
}

function isNangoWebhookBody(value: unknown): value is NangoWebhookBody {
    return typeof value === 'object' && value !== null && 'type' in value && (value.type === 'auth' || value.type === 'sync');
}

function accessTokenOf(connection: GetPublicConnection['Success']): string | undefined {
    const { credentials } = connection;
    switch (credentials.type) {
        case 'OAUTH2':
            return credentials.access_token;
        case 'OAUTH2_CC':
            return credentials.token;
        case 'API_KEY':
            return credentials.apiKey;
        default:
            return undefined;
    }
}

async function onAuth(nango: Nango, body: NangoAuthWebhookBody): Promise<string> {
    if (!body.success) {
        return `auth failed for ${body.connectionId}: ${body.error.type} ${body.error.description}`;
    }
    if (body.operation === 'deletion') {
        return `deleted ${body.connectionId}`;
    }
    const connection: ApiPublicConnectionFull = await nango.getConnection(body.providerConfigKey, body.connectionId);
    const token = accessTokenOf(connection);
    if (token !== undefined) {
        const length: number = token.length;
        void length;
    }

    const config: ProxyConfiguration = {
        method: 'GET',
        endpoint: '/auth.test',
        providerConfigKey: body.providerConfigKey,
        connectionId: body.connectionId,
        retries: 2
    };
    const res = await nango.proxy<SlackAuthTest>(config);
    const team: string = res.data.team;
    const status: number = res.status;

    const endUser: string = body.tags?.['end_user_id'] ?? body.endUser?.endUserId ?? 'unknown';
    return `${endUser} connected ${body.provider} (${body.authMode}) team=${team} status=${status}`;
}

async function onSync(nango: Nango, body: NangoSyncWebhookBody): Promise<NangoRecord<Contact>[]> {
    if (!body.success) {
        console.error(`sync ${body.syncName} failed at ${body.failedAt}: ${body.error.description}`);
        return [];
    }
    const out: NangoRecord<Contact>[] = [];
    let cursor: string | null = null;
    do {
        const page: { records: NangoRecord<Contact>[]; next_cursor: string | null } = await nango.listRecords<Contact>({
            providerConfigKey: body.providerConfigKey,
            connectionId: body.connectionId,
            model: body.model,
            variant: body.syncVariant,
            modifiedAfter: body.modifiedAfter,
            cursor
        });
        for (const r of page.records) {
            if (r._nango_metadata.deleted_at === null) {
                const email: string = r.email;
                void email;
            }
            out.push(r);
        }
        cursor = page.next_cursor;
    } while (cursor !== null);
    return out;
}

async function dispatch(nango: Nango, body: NangoWebhookBody): Promise<string> {
    switch (body.type) {
        case 'auth':
            return onAuth(nango, body);
        case 'sync': {
            const records = await onSync(nango, body);
            return `synced ${records.length} ${body.model}`;
        }
    }
}

// ---------------------------------------------------------------------------
// 1. Cloudflare Worker
// ---------------------------------------------------------------------------

export interface Env {
    NANGO_API_KEY: string;
    NANGO_WEBHOOK_SIGNING_KEY: string;
    NANGO_HOST?: string;
}

export default {
    async fetch(request: Request, env: Env): Promise<Response> {
        if (request.method !== 'POST') {
            return new Response('Method Not Allowed', { status: 405 });
        }
        const nango = new Nango({
            apiKey: env.NANGO_API_KEY,
            webhookSigningKey: env.NANGO_WEBHOOK_SIGNING_KEY,
            ...(env.NANGO_HOST ? { host: env.NANGO_HOST } : {})
        });

        const raw = await request.text();
        const valid: boolean = nango.verifyIncomingWebhookRequest(raw, Object.fromEntries(request.headers));
        if (!valid) {
            return new Response('invalid signature', { status: 401 });
        }

        const parsed: unknown = JSON.parse(raw);
        if (!isNangoWebhookBody(parsed)) {
            return new Response('ignored', { status: 200 });
        }
        const body: NangoWebhookBody = parsed;

        try {
            const summary = await dispatch(nango, body);
            return Response.json({ ok: true, summary });
        } catch (err: any) {
            // Errors from the SDK carry the HTTP response of the Nango API.
            const status: number = err.response?.status ?? 500;
            return Response.json({ ok: false, status, error: err.response?.data ?? String(err) }, { status: 502 });
        }
    }
};

// ---------------------------------------------------------------------------
// 2. Express-style handler (no express dependency)
// ---------------------------------------------------------------------------

type Req = { body: unknown; headers: Record<string, string | string[] | undefined> };
type Res = {
    status(code: number): Res;
    json(body: unknown): void;
    send(body?: string): void;
};

const nango = new Nango({
    apiKey: process_env('NANGO_API_KEY'),
    webhookSigningKey: process_env('NANGO_WEBHOOK_SIGNING_KEY')
});

// The handler is mounted with a raw/text body parser, so `req.body` is the raw string
// (or a Buffer-like value); the signature is computed over exactly those bytes.
function rawBody(body: unknown): string {
    if (typeof body === 'string') {
        return body;
    }
    if (body instanceof Uint8Array) {
        return new TextDecoder().decode(body);
    }
    return JSON.stringify(body);
}

export async function nangoWebhookHandler(req: Req, res: Res): Promise<void> {
    const raw = rawBody(req.body);
    if (!nango.verifyIncomingWebhookRequest(raw, req.headers)) {
        res.status(401).send('invalid signature');
        return;
    }

    const body = JSON.parse(raw) as NangoWebhookBody;
    if (body.type === 'auth') {
        if (body.success && body.operation === 'creation') {
            const connection = await nango.getConnection(body.providerConfigKey, body.connectionId);
            if (connection.credentials.type === 'OAUTH2') {
                const accessToken: string = connection.credentials.access_token;
                void accessToken;
            }
            try {
                const me = await nango.get<{ id: string; email: string }>({
                    endpoint: '/me',
                    providerConfigKey: body.providerConfigKey,
                    connectionId: body.connectionId
                });
                res.status(200).json({ connectionId: connection.connection_id, me: me.data.email });
            } catch (err: any) {
                if (err.response?.status === 429) {
                    const retryAfter = err.response.headers['retry-after'];
                    res.status(503).json({ retryAfter });
                    return;
                }
                res.status(502).json({ error: err.response?.data });
            }
            return;
        }
        res.status(200).send();
        return;
    }

    if (body.type === 'sync' && body.success) {
        const { added, updated, deleted } = body.responseResults;
        res.status(200).json({ model: body.model, added, updated, deleted });
        return;
    }
    res.status(200).send();
}

// Reads a configuration value without depending on @types/node.
function process_env(name: string): string {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    return env?.[name] ?? '';
}
