// The one scenario every runtime runs against the built package (pkg/): Node
// (node.test.mjs), Deno (deno.test.mjs), workerd (workerd.test.mjs, inside a
// Worker) and Chromium (browser.test.mjs + browser.html, the `browser` entry).
// It talks to the local Nango server (crates/nango-local-server, started with
// `--seed demo`) over loopback, and uses only what all runtimes have: fetch,
// crypto.subtle, TextEncoder, Headers, AbortController.
//
// `cases({ Nango, NangoError, host, apiKey })` returns `[{ name, run }]`; the cases
// run in order (the first resets the server).
import { fail, ok, eq, canonical, rejects, throws, adminApi } from './assert.mjs';

import realWebhooks from './real-webhooks.mjs';

async function hmacHex(key, body) {
  const enc = new TextEncoder();
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(body)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function cases({ Nango, NangoError, host, apiKey, adminHost }) {
  const admin = adminApi(adminHost ?? host, apiKey);
  const isNangoError = (e, kind) => {
    ok(e instanceof NangoError, `not a NangoError: ${e}`);
    ok(e instanceof Error, 'a NangoError is an Error');
    eq(e.name, 'NangoError');
    eq(e.constructor.name, 'NangoError', 'the class name survives minification');
    if (kind) eq(e.kind, kind, `kind of "${e.message}"`);
  };
  let nango;
  let signingKey;

  return [
    {
      name: 'setup: reset the local server',
      async run() {
        await admin('POST', 'reset');
        const info = await admin('GET', 'info');
        eq(info.api_key, apiKey, 'the seeded API key');
        signingKey = info.webhook_signing_key;
        nango = new Nango({ apiKey, host: host + '/', webhookSigningKey: signingKey });
        eq(nango.serverUrl, host, 'one trailing slash is dropped');
      },
    },
    {
      name: 'construction: the official errors',
      async run() {
        throws(() => new Nango({ apiKey: 'a', secretKey: 'b' }), (e) => {
          isNangoError(e, 'invalid_input');
          eq(e.message, 'You must specify only one of apiKey or secretKey, not both (cf. documentation).');
        });
        throws(() => new Nango({}), (e) => eq(e.message, 'You must specify an API key (cf. documentation).'));
        throws(() => new Nango({ apiKey: 'k', host: 'not a url' }), (e) => {
          isNangoError(e, 'invalid_input');
          ok(e.message.startsWith('Invalid URL provided for the Nango host'), e.message);
        });
        const defaults = new Nango({ secretKey: 'k', connectionId: 'c1', providerConfigKey: 'p1' });
        eq([defaults.serverUrl, defaults.connectionId, defaults.providerConfigKey], ['https://api.nango.dev', 'c1', 'p1']);
        // The classes keep their names through the build's minifier (which renames them).
        eq([Nango.name, new Nango({ apiKey: 'k' }).constructor.name], ['Nango', 'Nango'], 'the class name');
        eq(NangoError.name, 'NangoError', 'the error class name');
        throws(() => new Nango({}), (e) => {
          eq([e.name, e.constructor.name, Object.getPrototypeOf(e).constructor.name], ['NangoError', 'NangoError', 'NangoError']);
          ok(String(e).startsWith('NangoError: '), String(e));
        });
      },
    },
    {
      name: 'providers: list, get, templates',
      async run() {
        const { data } = await nango.listProviders({ search: 'git' });
        ok(data.some((p) => p.name === 'github'), 'github is listed');
        const one = await nango.getProvider({ provider: 'github' });
        eq(one.data.name, 'github');
        const templates = await nango.getProviderTemplates({ provider: 'github' });
        ok(Array.isArray(templates.data) && templates.data.length > 0, 'templates');
        await rejects(nango.getProvider({ provider: 'no-such-provider' }), (e) => {
          isNangoError(e, 'api');
          eq([e.status, e.code], [404, 'not_found']);
        });
      },
    },
    {
      name: 'integrations: list as {configs}, create, get, update, delete',
      async run() {
        const list = await nango.listIntegrations();
        ok(Array.isArray(list.configs), '{configs}');
        ok(list.configs.some((c) => c.unique_key === 'github'));
        const created = await nango.createIntegration({ provider: 'slack', unique_key: 'slack-wasm', display_name: 'Slack' });
        eq(created.data.unique_key, 'slack-wasm');
        const got = await nango.getIntegration({ uniqueKey: 'slack-wasm' }, { include: ['webhook'] });
        eq(got.data.display_name, 'Slack');
        const deprecated = await nango.getIntegration('slack-wasm');
        eq(deprecated.data.unique_key, 'slack-wasm');
        const updated = await nango.updateIntegration({ uniqueKey: 'slack-wasm' }, { display_name: 'New name' });
        eq(updated.data.display_name, 'New name');
        await rejects(nango.createIntegration({ provider: 'slack', unique_key: 'slack-wasm' }), (e) => {
          isNangoError(e, 'api');
          eq(e.status, 400);
          ok(Array.isArray(e.errors) && e.errors.length > 0, 'validation errors are kept');
          ok(e.body.includes('"error"'), 'raw body');
          eq(e.response.status, 400, 'axios-like response');
        });
        const deleted = await nango.deleteIntegration('slack-wasm');
        ok(deleted.status >= 200 && deleted.status < 300, 'axios-like {status}');
        const quick = await nango.createQuickstartIntegration({ provider: 'hubspot' }).catch((e) => e);
        ok(quick.data || quick instanceof NangoError, 'quickstart answers');
      },
    },
    {
      name: 'connect: create, get, delete sessions; reconnect',
      async run() {
        const { data } = await nango.createConnectSession({
          tags: { end_user_id: 'u-wasm', end_user_email: 'u@example.com', organization_id: 'org-1' },
          allowed_integrations: ['github'],
          integrations_config_defaults: { github: { connection_config: { k: 'v' } } },
        });
        ok(data.token.startsWith('nango_connect_session_'), 'token');
        ok(typeof data.expires_at === 'string');
        const session = await nango.getConnectSession(data.token);
        ok(session.data, 'session data');
        eq(await nango.deleteConnectSession(data.token), undefined);
        const again = await nango.createReconnectSession({ connection_id: 'demo-github', integration_id: 'github' });
        ok(again.data.token, 'reconnect token');
        await rejects(nango.getConnectSession(''), (e) => isNangoError(e, 'invalid_input'));
      },
    },
    {
      name: 'connections: import, get, token, metadata, patch, list forms, delete',
      async run() {
        const imported = await nango.importConnection({
          provider_config_key: 'airtable',
          connection_id: 'wasm-1',
          credentials: { type: 'API_KEY', apiKey: 'pat-wasm' },
          tags: { end_user_id: 'wasm-user' },
          end_user: { id: 'wasm-user', email: 'wasm@example.com' },
        });
        eq(imported.connection_id, 'wasm-1');
        await nango.upsertConnection({ provider_config_key: 'airtable', connection_id: 'wasm-2', credentials: { type: 'API_KEY', apiKey: 'pat-2' } });
        const conn = await nango.getConnection('airtable', 'wasm-1');
        eq(conn.credentials.apiKey, 'pat-wasm');
        ok(conn.end_user === null || conn.end_user === undefined || typeof conn.end_user === 'object', 'nulls stay nulls');
        eq(await nango.getToken('airtable', 'wasm-1'), { apiKey: 'pat-wasm', type: 'API_KEY' }, 'API_KEY → credentials');
        const token = await nango.getToken('github', 'demo-github', true);
        ok(typeof token === 'string' && token.length > 0, 'OAUTH2 → access token');
        const raw = await nango.getRawTokenResponse('github', 'demo-github');
        eq(raw.access_token, token);
        const set = await nango.setMetadata('airtable', 'wasm-1', { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
        eq(set.data.metadata, { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
        await nango.setMetadata('airtable', ['wasm-1', 'wasm-2'], { a: 1 });
        await nango.updateMetadata('airtable', ['wasm-1', 'wasm-2'], { b: 2 });
        eq(await nango.getMetadata('airtable', 'wasm-2'), { a: 1, b: 2 });
        await rejects(nango.getMetadata('airtable', ''), (e) => isNangoError(e, 'invalid_input'));
        const patched = await nango.patchConnection({ connectionId: 'wasm-1', provider_config_key: 'airtable' }, { tags: { plan: 'pro' } });
        ok(patched.success !== false, 'patch answered');
        const byObject = await nango.listConnections({ integrationId: ['airtable'], tags: { plan: 'pro' }, limit: 100 });
        eq(byObject.connections.map((c) => c.connection_id), ['wasm-1']);
        const legacy = await nango.listConnections('wasm-2');
        eq(legacy.connections.map((c) => c.connection_id), ['wasm-2']);
        const all = await nango.listConnections();
        ok(all.connections.length >= 5, 'all connections');
        const del = await nango.deleteConnection('airtable', 'wasm-2');
        ok(del.status >= 200 && del.status < 300, 'axios-like {status}');
        await rejects(nango.deleteConnection('airtable', 'wasm-2'), (e) => {
          isNangoError(e, 'api');
          eq(e.status, 400);
          eq(e.code, 'unknown_connection');
        });
        await rejects(nango.getConnection('airtable', 'nope'), (e) => {
          eq([e.status, e.code, e.message], [404, 'not_found', 'Failed to find connection']);
        });
      },
    },
    {
      name: 'connections: async iterator over pages, waitForConnection (found, aborted)',
      async run() {
        const ids = [];
        for await (const c of nango.connectionsIterator({ limit: 2 })) ids.push(c.connection_id);
        const all = await nango.listConnections();
        eq(ids.sort(), all.connections.map((c) => c.connection_id).sort(), 'the iterator sees every connection once');
        let seen = 0;
        for await (const c of nango.connectionsIterator({ limit: 1 })) {
          ok(c.connection_id);
          if (++seen === 2) break;
        }
        eq(seen, 2, 'breaking off the iteration');
        const found = await nango.waitForConnection('airtable', 'wasm-user');
        eq(found.connection_id, 'wasm-1');
        const controller = new AbortController();
        const waiting = nango.waitForConnection('github', 'nobody', { signal: controller.signal, initialDelayMs: 5000 });
        setTimeout(() => controller.abort(), 50);
        await rejects(waiting, (e) => {
          isNangoError(e, 'cancelled');
          eq(e.message, 'Wait for connection was aborted');
        });
        await rejects(nango.waitForConnection('github', 'nobody', { maxAttempts: 2, initialDelayMs: 1 }), (e) => {
          isNangoError(e, 'timeout');
          eq(e.message, 'Timeout waiting for connection to be created');
        });
      },
    },
    {
      name: 'records: list, filter, iterate across pages, prune',
      async run() {
        await admin('POST', 'records', { provider_config_key: 'github', connection_id: 'demo-github', model: 'Item', generate: 25 });
        const first = await nango.listRecords({ providerConfigKey: 'github', connectionId: 'demo-github', model: 'Item', limit: 10 });
        eq(first.records.length, 10);
        ok(typeof first.next_cursor === 'string', 'next_cursor');
        eq(first.records[0]._nango_metadata.deleted_at, null, 'null kept as null');
        const added = await nango.listRecords({ providerConfigKey: 'github', connectionId: 'demo-github', model: 'Item', filter: 'added' });
        ok(added.records.length > 0);
        const picked = await nango.listRecords({ providerConfigKey: 'github', connectionId: 'demo-github', model: 'Item', ids: ['item-1', 'item-2'] });
        eq(picked.records.map((r) => r.id).sort(), ['item-1', 'item-2']);
        let count = 0;
        let last;
        for await (const r of nango.recordsIterator({ providerConfigKey: 'github', connectionId: 'demo-github', model: 'Item', limit: 7 })) {
          count++;
          last = r;
        }
        eq(count, 28, '3 seeded + 25 generated, across 4 pages');
        const pruned = await nango.pruneRecords({
          providerConfigKey: 'github',
          connectionId: 'demo-github',
          model: 'Item',
          untilCursor: last._nango_metadata.cursor,
          limit: 100,
        });
        ok(typeof pruned.count === 'number' && typeof pruned.has_more === 'boolean', 'prune result');
        await rejects(nango.listRecords({ providerConfigKey: 'github', connectionId: 'demo-github', model: 'Item', filter: 'nope' }), (e) =>
          isNangoError(e, 'invalid_input'),
        );
      },
    },
    {
      name: 'syncs: trigger (opts, legacy), start, pause, status, frequency, variants',
      async run() {
        const triggered = await nango.triggerSync('github', ['items'], 'demo-github');
        ok(triggered.status >= 200 && triggered.status < 300, 'axios-like {status}, as the official SDK');
        await nango.triggerSync('github', ['items'], 'demo-github', { reset: true });
        await nango.triggerSync('github', ['items'], 'demo-github', { reset: true, emptyCache: true });
        await nango.triggerSync('github', [{ name: 'items', variant: 'base' }], 'demo-github', { reset: true });
        await nango.triggerSync('github', ['items'], 'demo-github', true);
        await nango.triggerSync('github', ['items'], 'demo-github', 'incremental');
        await nango.startSync('github', ['items'], 'demo-github');
        await nango.pauseSync('github', ['items'], 'demo-github');
        const status = await nango.syncStatus('github', '*', 'demo-github');
        ok(status.syncs.some((s) => s.name === 'items'), 'status of items');
        const named = await nango.syncStatus('github', ['items'], 'demo-github');
        eq(named.syncs.length, 1);
        eq(await nango.updateSyncConnectionFrequency('github', 'items', 'demo-github', 'every 2h'), { frequency: 'every 2h' });
        const reverted = await nango.updateSyncConnectionFrequency('github', { name: 'items', variant: 'base' }, 'demo-github', null);
        ok('frequency' in reverted);
        const variant = await nango.createSyncVariant({ provider_config_key: 'github', connection_id: 'demo-github', name: 'items', variant: 'eu' });
        eq([variant.name, variant.variant], ['items', 'eu']);
        eq(await nango.deleteSyncVariant({ provider_config_key: 'github', connection_id: 'demo-github', name: 'items', variant: 'eu' }), { success: true });
        await rejects(nango.triggerSync('github', 'items'), (e) => isNangoError(e, 'invalid_input'));
      },
    },
    {
      name: 'actions: trigger, async trigger and result, failure',
      async run() {
        eq(await nango.triggerAction('github', 'demo-github', 'echo', { custom_key1: 'custom_value1' }), { custom_key1: 'custom_value1' });
        const { id, statusUrl } = await nango.triggerActionAsync('github', 'demo-github', 'echo', { n: 1 }, { maxRetries: 2 });
        ok(id && statusUrl, '{id, statusUrl}');
        // The server runs the action after answering: poll (every 20 ms, for up to 10 s)
        // until it has finished.
        let result;
        const deadline = Date.now() + 10000;
        for (let i = 0; result === undefined; i++) {
          try {
            result = await (i % 2 ? nango.getAsyncActionResult({ id }) : nango.getAsyncActionResult({ statusUrl }));
          } catch (e) {
            eq(e.status, 404, 'not finished yet');
            ok(Date.now() < deadline, 'the async action finished within 10 s');
            await new Promise((r) => setTimeout(r, 20));
          }
        }
        eq(result, { n: 1 });
        await rejects(nango.triggerAction('github', 'demo-github', 'fail', {}), (e) => {
          isNangoError(e, 'api');
          eq([e.status, e.code], [400, 'action_script_failure']);
          ok(e.payload, 'payload kept');
        });
        await rejects(nango.getAsyncActionResult({}), (e) => isNangoError(e, 'invalid_input'));
      },
    },
    {
      name: 'proxy: get/post/put/patch/delete, headers, params, response types',
      async run() {
        const base = { providerConfigKey: 'github', connectionId: 'demo-github', baseUrlOverride: host };
        const text = await nango.get({ ...base, endpoint: '/health' });
        eq([text.status, text.data], [200, 'ok']);
        ok(text.headers['content-type'].startsWith('text/plain'), 'upstream headers');
        // The upstream is the local server's admin API, which needs the server's key: it
        // goes as a proxied header (`Nango-Proxy-Authorization`), in place of the
        // connection's credentials.
        const adminKey = { Authorization: `Bearer ${apiKey}` };
        const json = await nango.proxy({ ...base, endpoint: '/_admin/info', params: { a: 1 }, headers: { 'X-Custom': 'yes', ...adminKey } });
        eq(json.data.api_key, apiKey, 'JSON parsed');
        const buffer = await nango.get({ ...base, endpoint: '/health', responseType: 'arraybuffer' });
        eq(new TextDecoder().decode(buffer.data), 'ok');
        const asText = await nango.get({ ...base, endpoint: '/_admin/info', params: 'x=1', responseType: 'text', headers: adminKey });
        eq(typeof asText.data, 'string');
        const { requests } = await admin('GET', 'requests');
        const forwarded = requests.filter((r) => (r.path || r.uri || '').includes('/_admin/info') || JSON.stringify(r).includes('x-custom'));
        ok(forwarded.length > 0 || requests.length > 0, 'requests recorded');
        for (const call of ['post', 'put', 'patch', 'delete']) {
          await rejects(nango[call]({ ...base, endpoint: '/_admin/info', data: { x: 1 }, headers: adminKey }), (e) => {
            isNangoError(e, 'api');
            ok(e.status === 404 || e.status === 405, `${call}: upstream status passed through (${e.status})`);
            ok(typeof e.response.data === 'string', 'upstream body');
          });
        }
        const defaults = new Nango({ apiKey, host, connectionId: 'demo-github', providerConfigKey: 'github' });
        eq((await defaults.get({ endpoint: 'health', baseUrlOverride: host })).data, 'ok', 'client defaults and no leading slash');
        await rejects(nango.get({ ...base, endpoint: '/health?x=1', params: 'y=2' }), (e) => isNangoError(e, 'invalid_input'));
      },
    },
    {
      name: 'webhooks: verifyIncomingWebhookRequest (object and Headers), legacy signature',
      async run() {
        const body = JSON.stringify({ from: 'nango', type: 'auth', connectionId: 'c', success: true });
        const signature = await hmacHex(signingKey, body);
        eq(nango.verifyIncomingWebhookRequest(body, { 'X-Nango-Hmac-Sha256': signature }), true, 'plain object, any case');
        eq(nango.verifyIncomingWebhookRequest(body, new Headers({ 'x-nango-hmac-sha256': signature })), true, 'Headers');
        eq(nango.verifyIncomingWebhookRequest(new TextEncoder().encode(body), { 'x-nango-hmac-sha256': signature }), true, 'bytes');
        eq(nango.verifyIncomingWebhookRequest(body + ' ', { 'x-nango-hmac-sha256': signature }), false, 'changed body');
        eq(nango.verifyIncomingWebhookRequest(body, {}), false, 'no header');
        const apiKeyOnly = new Nango({ apiKey, host });
        eq(apiKeyOnly.verifyIncomingWebhookRequest(body, { 'x-nango-hmac-sha256': signature }), false, 'the API key never signs');
        const payload = { from: 'nango', type: 'sync' };
        const legacy = await sha256Hex(signingKey + JSON.stringify(payload));
        eq(nango.verifyWebhookSignature(legacy, payload), true, 'legacy');
        eq(nango.verifyWebhookSignature('00', payload), false, 'legacy, wrong');
      },
    },
    {
      name: 'webhooks: real deliveries verify and parse; parseWebhook and verifyWebhookRequest',
      async run() {
        for (const d of realWebhooks.deliveries) {
          const n = new Nango({ apiKey, host, webhookSigningKey: d.signing_key });
          eq(n.verifyIncomingWebhookRequest(d.raw_body, d.headers), true, `${d.type}: verifies`);
          const event = n.parseWebhook(d.raw_body, d.headers);
          eq(event.type, d.type, `${d.type}: parsed`);
          eq(canonical(event), canonical(JSON.parse(d.raw_body)), `${d.type}: the event is the delivery as sent`);
          const request = new Request('http://127.0.0.1/webhooks', { method: 'POST', body: d.raw_body, headers: d.headers });
          eq((await n.verifyWebhookRequest(request)).type, d.type, `${d.type}: from a Request`);
          const tampered = d.raw_body.replace('"success":true', '"success":false');
          if (tampered !== d.raw_body) {
            eq(n.verifyIncomingWebhookRequest(tampered, d.headers), false, `${d.type}: tampered`);
            throws(() => n.parseWebhook(tampered, d.headers), (e) => {
              isNangoError(e, 'webhook');
              eq(e.code, 'invalid_signature', 'code');
            });
          }
          const wrongKey = new Nango({ apiKey, host, webhookSigningKey: 'not-the-key' });
          eq(wrongKey.verifyIncomingWebhookRequest(d.raw_body, d.headers), false, `${d.type}: wrong key`);
        }
        const [first] = realWebhooks.deliveries;
        const n = new Nango({ apiKey, host, webhookSigningKey: first.signing_key });
        const unsigned = new Request('http://127.0.0.1/webhooks', { method: 'POST', body: first.raw_body });
        await rejects(n.verifyWebhookRequest(unsigned), (e) => {
          isNangoError(e, 'webhook');
          eq(e.code, 'invalid_signature', 'unsigned request');
        });
        const sig = first.headers['x-nango-hmac-sha256'];
        eq(n.verifyIncomingWebhookRequest(first.raw_body, { 'X-NANGO-HMAC-SHA256': sig.toUpperCase() }), true, 'uppercase hex, as the official SDK');
        eq(n.verifyIncomingWebhookRequest(first.raw_body, { 'x-nango-hmac-sha256': sig.slice(0, 63) }), false, 'truncated');
        eq(n.verifyIncomingWebhookRequest(first.raw_body, { 'x-nango-hmac-sha256': 'z' + sig.slice(1) }), false, 'not hex');
        // a signed body that is not JSON
        const text = 'not json';
        const signed = await hmacHex(first.signing_key, text);
        throws(() => n.parseWebhook(text, { 'x-nango-hmac-sha256': signed }), (e) => {
          isNangoError(e, 'webhook');
          eq(e.code, 'invalid_webhook', 'not JSON');
        });
      },
    },
    {
      name: 'scripts and environment variables',
      async run() {
        const config = await nango.getScriptsConfig();
        ok(Array.isArray(config), 'nango format');
        const openai = await nango.getScriptsConfig('openai');
        ok(Array.isArray(openai.data), 'openai format');
        eq(await nango.getEnvironmentVariables(), [{ name: 'DEMO_VAR', value: 'demo-value' }]);
      },
    },
    {
      name: 'integration functions: list, get, code, delete',
      async run() {
        const list = await nango.listFunctions({ uniqueKey: 'github' }, { type: 'action', limit: 50 });
        ok(list.data.some((f) => f.name === 'echo'), 'echo listed');
        const one = await nango.getFunction({ uniqueKey: 'github', name: 'echo' }, { type: 'action' });
        eq((one.data ?? one).name, 'echo');
        const code = await nango.getFunctionCode({ uniqueKey: 'github', name: 'echo' });
        ok(code.code !== undefined || code.data !== undefined, 'code');
        await nango.deleteFunction({ uniqueKey: 'github', name: 'slow' }, { type: 'action' });
        await rejects(nango.deleteFunction({ uniqueKey: 'github', name: 'slow' }, {}), (e) => isNangoError(e, 'invalid_input'));
      },
    },
    {
      name: 'functions: compile, dry run, deploy',
      async run() {
        const compiled = await nango.compileFunction('export default 1');
        ok(compiled.bundled_js || compiled.data, 'compiled');
        const dryrun = await nango.dryrunFunction({
          integration_id: 'github',
          function_type: 'action',
          code: 'export default async () => 1',
          connection_id: 'demo-github',
          input: { a: 1 },
        });
        const dryrunId = dryrun.id ?? dryrun.data?.id;
        ok(dryrunId, 'dry run id');
        ok(await nango.getFunctionDryrun(dryrunId), 'dry run state');
        const deployment = await nango.deployFunction({
          type: 'function',
          integration_id: 'github',
          function_name: 'wasm-fn',
          function_type: 'action',
          code: 'export default async () => 1',
        });
        const deploymentId = deployment.id ?? deployment.data?.id;
        ok(deploymentId, 'deployment id');
        ok(await nango.getFunctionDeployment(deploymentId), 'deployment state');
      },
    },
    {
      name: 'environments: create, api keys, delete, rotate the signing key',
      async run() {
        const env = await nango.createEnvironment({ name: 'wasm-env' });
        const envId = env.data.id;
        ok(envId, 'environment id');
        const key = await nango.createApiKey(envId, 'wasm key').catch((e) => e);
        ok(key.data || key instanceof NangoError, 'api key answered');
        if (key.data && key.data.id !== undefined) await nango.deleteApiKey(envId, key.data.id);
        eq(await nango.deleteEnvironment(envId), undefined);
        const rotated = await nango.rotateWebhookSigningKey();
        ok(rotated.data.webhook_signing_key, 'new key');
        const both = new Nango({ apiKey, host, webhookSigningKey: [rotated.data.webhook_signing_key, signingKey] });
        const body = '{"from":"nango"}';
        eq(both.verifyIncomingWebhookRequest(body, { 'x-nango-hmac-sha256': await hmacHex(signingKey, body) }), true, 'the previous key during rotation');
      },
    },
    {
      name: 'the official docs examples, unchanged but for placeholders',
      async run() {
        // Node SDK reference (seed 002): each call as the docs write it.
        await nango.listIntegrations();
        await nango.getIntegration({ uniqueKey: 'github' });
        await nango.getIntegration('github');
        await nango.createIntegration({ provider: 'slack', unique_key: 'docs-slack' });
        await nango.updateIntegration({ uniqueKey: 'docs-slack' }, { display_name: 'New name' });
        await nango.deleteIntegration('docs-slack');
        {
          const { data } = await nango.createConnectSession({
            tags: { end_user_id: 'docs-user', end_user_email: 'docs@example.com', organization_id: 'docs-org' },
            allowed_integrations: ['github', 'airtable'],
            integrations_config_defaults: { github: { connection_config: { k: 'v' } } },
          });
          ok(data.token);
        }
        {
          const { data } = await nango.createReconnectSession({
            connection_id: 'demo-github',
            integration_id: 'github',
            tags: { end_user_id: 'docs-user' },
            integrations_config_defaults: { github: { connection_config: { k: 'v' } } },
          });
          ok(data.token);
        }
        await nango.listConnections({ connectionId: 'demo-github', integrationId: 'github', limit: 100, tags: { end_user_id: 'user-123' } });
        await nango.getConnection('github', 'demo-github');
        await nango.patchConnection({ connectionId: 'demo-airtable', provider_config_key: 'airtable' }, { tags: { a: 'b' } });
        await nango.setMetadata('airtable', 'demo-airtable', { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
        await nango.setMetadata('github', ['demo-github'], { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
        await nango.updateMetadata('airtable', 'demo-airtable', { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
        await nango.updateMetadata('github', ['demo-github'], { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
        eq(await nango.getMetadata('airtable', 'demo-airtable'), { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
        await nango.getEnvironmentVariables();
        await nango.triggerAction('github', 'demo-github', 'echo', { custom_key1: 'custom_value1' });
        const { id, statusUrl } = await nango.triggerActionAsync('github', 'demo-github', 'echo', { custom_key1: 'custom_value1' });
        for (const props of [{ id }, { statusUrl }]) {
          const result = await nango.getAsyncActionResult(props).catch((e) => e);
          ok(result instanceof NangoError ? result.status === 404 : result.custom_key1 === 'custom_value1', 'result or not yet');
        }
        await admin('POST', 'records', { provider_config_key: 'github', connection_id: 'demo-github', model: 'Docs', generate: 3 });
        const records = await nango.listRecords({ providerConfigKey: 'github', connectionId: 'demo-github', model: 'Docs' });
        const result = await nango.pruneRecords({
          providerConfigKey: 'github',
          connectionId: 'demo-github',
          model: 'Docs',
          untilCursor: records.records[0]._nango_metadata.cursor,
        });
        ok(`Pruned ${result.count} records. More records available: ${result.has_more}`);
        await nango.triggerSync('github', ['items'], 'demo-github');
        await nango.triggerSync('github', ['items'], 'demo-github', { reset: true });
        await nango.triggerSync('github', ['items'], 'demo-github', { reset: true, emptyCache: true });
        await nango.triggerSync('github', [{ name: 'items', variant: 'base' }, 'items'], 'demo-github', { reset: true });
        await nango.startSync('github', ['items'], 'demo-github');
        await nango.startSync('github', [{ name: 'items', variant: 'base' }, 'items'], 'demo-github');
        await nango.pauseSync('github', ['items'], 'demo-github');
        await nango.pauseSync('github', [{ name: 'items', variant: 'base' }, 'items'], 'demo-github');
        await nango.syncStatus('github', ['items'], 'demo-github');
        await nango.syncStatus('github', [{ name: 'items', variant: 'base' }, 'items'], 'demo-github');
        await nango.syncStatus('github', '*', 'demo-github');
        await nango.updateSyncConnectionFrequency('github', 'items', 'demo-github', 'every 1h');
        await nango.updateSyncConnectionFrequency('github', { name: 'items', variant: 'base' }, 'demo-github', 'every 1h');
        await nango.createSyncVariant({ provider_config_key: 'github', connection_id: 'demo-github', name: 'items', variant: 'docs' });
        await nango.deleteSyncVariant({ provider_config_key: 'github', connection_id: 'demo-github', name: 'items', variant: 'docs' });
        const scriptsConfig = await nango.getScriptsConfig();
        const openaiConfig = await nango.getScriptsConfig('openai');
        ok(scriptsConfig && openaiConfig);
        await nango.listProviders();
        await nango.getProvider({ provider: 'github' });
        const connection = await nango.waitForConnection('airtable', 'wasm-user');
        ok(connection.connection_id);
        // The proxy example: the provider's real API is out of reach here, so the
        // answer is the upstream's failure, passed through as a NangoError.
        const config = { endpoint: '/some-endpoint', providerConfigKey: 'unauthenticated', connectionId: 'demo-unauth' };
        for (const call of ['get', 'post', 'put', 'patch', 'delete']) {
          const answer = await nango[call](config).catch((e) => e);
          ok(answer instanceof NangoError || typeof answer.status === 'number', `${call} answered`);
        }
        const req = { body: '{"from":"nango"}', headers: { 'x-nango-hmac-sha256': await hmacHex(signingKey, '{"from":"nango"}') } };
        const isValid = nango.verifyIncomingWebhookRequest(req.body, req.headers);
        eq(isValid, true);
        await nango.deleteConnection('github', 'demo-github');
        // Rate limits: the docs' catch block, as written.
        await admin('POST', 'rate-limit', { per_minute: 1 });
        const limited = new Nango({ apiKey, host, retry: false });
        let retryAfter;
        for (let i = 0; i < 3 && retryAfter === undefined; i++) {
          try {
            const res = await limited.listIntegrations();
          } catch (err) {
            if (err.response.status === 429) {
              retryAfter = err.response.headers['retry-after'];
            }
          }
        }
        await admin('POST', 'rate-limit', { per_minute: 1000000 });
        ok(retryAfter !== undefined, 'Retry-After read as the docs do');
      },
    },
    {
      name: 'errors: 429 with retryAfter, timeout, transport, retries, custom fetch',
      async run() {
        await admin('POST', 'faults', {
          path: '/providers',
          kind: 'status',
          status: 429,
          body: '{"error":{"code":"too_many_request"}}',
          times: 1,
        });
        const noRetry = new Nango({ apiKey, host, retry: false });
        await rejects(noRetry.listProviders({}), (e) => {
          isNangoError(e, 'api');
          eq([e.status, e.code], [429, 'too_many_request']);
          eq(e.response.status, 429, 'the docs read err.response.status');
        });
        await admin('POST', 'faults', { path: '/providers', kind: 'status', status: 503, body: '', times: 1 });
        const retrying = new Nango({ apiKey, host, retry: { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 5 } });
        ok((await retrying.listProviders({})).data, 'a 503 is retried for a GET');
        await admin('POST', 'faults', { path: '/providers', kind: 'delay', ms: 2000, times: 1 });
        const quick = new Nango({ apiKey, host, timeoutMs: 100, retry: false });
        await rejects(quick.listProviders({}), (e) => isNangoError(e, 'timeout'));
        await admin('DELETE', 'faults');
        const nowhere = new Nango({ apiKey, host: 'http://127.0.0.1:9', retry: false });
        await rejects(nowhere.listIntegrations(), (e) => isNangoError(e, 'transport'));
        const seen = [];
        const custom = new Nango({
          apiKey,
          host,
          fetch: (url, init) => {
            seen.push([init.method, String(url)]);
            return fetch(url, init);
          },
        });
        await custom.listIntegrations();
        eq(seen, [['GET', `${host}/integrations`]], 'the custom fetch is used');
        await admin('POST', 'faults', { path: '/integrations', kind: 'malformed', times: 1 });
        await rejects(noRetry.listIntegrations(), (e) => isNangoError(e, 'decode'));
        await admin('DELETE', 'faults');
      },
    },
  ];
}
