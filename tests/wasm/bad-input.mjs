// The bad-input suite: every public method of the package's `Nango` class, called
// with what must be refused before anything is sent (empty ids, CR/LF in ids that
// go into headers and in proxy custom headers, `..` path segments, values that are
// not JSON (a BigInt, a circular object), oversize values), and construction with
// invalid hosts, both keys or none. Each is a `NangoError` of kind `invalid_input`
// and the local server's request record proves nothing was sent. The JavaScript
// side of tests/native/tests/bad_input.rs.
//
// `cases({ Nango, NangoError, host, apiKey })` returns `[{ name, run }]`, as
// scenario.mjs. A method of `Nango.prototype` that is neither checked nor exempted
// below fails the first case: a new method cannot be forgotten.
import { fail, ok, eq, adminApi } from './assert.mjs';

const crlf = 'user\r\nX-Injected: 1';
const circular = () => {
  const o = { a: 1 };
  o.self = o;
  return o;
};
const big = () => ({ n: 1n });
const p = 'github';
const c = 'demo-github';
const records = (extra) => ({ providerConfigKey: p, connectionId: c, model: 'Item', ...extra });
const proxyBase = { endpoint: '/x', providerConfigKey: p, connectionId: c };
const variant = (extra) => ({ provider_config_key: p, connection_id: c, name: 'items', variant: 'v', ...extra });
const dryrun = (extra) => ({ integration_id: p, function_type: 'action', code: 'export default 1', connection_id: c, ...extra });
const deploy = (extra) => ({ type: 'function', integration_id: p, function_name: 'f', function_type: 'action', code: 'export default 1', ...extra });

/** Calls an async iterator's first `next()` (where a lazy iterator reports its input errors). */
const first = (iterator) => iterator[Symbol.asyncIterator]().next();

/**
 * Per method: the bad calls, each `[label, (nango) => result]`. Each must throw or
 * reject with a `NangoError` of kind `invalid_input`.
 */
const CHECKS = {
  // providers, integrations, functions
  getProvider: [
    ['empty provider', (n) => n.getProvider({ provider: '' })],
    ['.. provider', (n) => n.getProvider({ provider: '..' })],
    ['no params', (n) => n.getProvider()],
  ],
  getProviderTemplates: [['empty provider', (n) => n.getProviderTemplates({ provider: '' })]],
  getIntegration: [
    ['empty uniqueKey', (n) => n.getIntegration({ uniqueKey: '' })],
    ['empty (deprecated form)', (n) => n.getIntegration('')],
    ['.. uniqueKey', (n) => n.getIntegration('..')],
  ],
  createIntegration: [
    ['empty provider', (n) => n.createIntegration({ provider: '', unique_key: 'k' })],
    ['empty unique_key', (n) => n.createIntegration({ provider: 'github', unique_key: '' })],
    ['BigInt', (n) => n.createIntegration({ provider: 'github', unique_key: 'k', custom: big() })],
    ['circular', (n) => n.createIntegration({ provider: 'github', unique_key: 'k', custom: circular() })],
  ],
  createQuickstartIntegration: [
    ['empty provider', (n) => n.createQuickstartIntegration({ provider: '' })],
    ['BigInt', (n) => n.createQuickstartIntegration({ provider: 'hubspot', extra: big() })],
  ],
  updateIntegration: [
    ['empty uniqueKey', (n) => n.updateIntegration({ uniqueKey: '' }, { display_name: 'x' })],
    ['circular', (n) => n.updateIntegration({ uniqueKey: 'github' }, circular())],
  ],
  deleteIntegration: [
    ['empty', (n) => n.deleteIntegration('')],
    ['.', (n) => n.deleteIntegration('.')],
  ],
  listFunctions: [['empty uniqueKey', (n) => n.listFunctions({ uniqueKey: '' })]],
  getFunction: [
    ['empty uniqueKey', (n) => n.getFunction({ uniqueKey: '', name: 'f' })],
    ['empty name', (n) => n.getFunction({ uniqueKey: 'k', name: '' })],
  ],
  getFunctionCode: [['empty name', (n) => n.getFunctionCode({ uniqueKey: 'k', name: '' })]],
  deleteFunction: [
    ['empty uniqueKey', (n) => n.deleteFunction({ uniqueKey: '', name: 'f' }, { type: 'sync' })],
    ['no type', (n) => n.deleteFunction({ uniqueKey: 'k', name: 'f' }, {})],
  ],
  compileFunction: [
    ['empty code', (n) => n.compileFunction('')],
    ['BigInt code', (n) => n.compileFunction({ code: 1n })],
  ],
  dryrunFunction: [
    ['empty integration_id', (n) => n.dryrunFunction(dryrun({ integration_id: '' }))],
    ['circular input', (n) => n.dryrunFunction(dryrun({ input: circular() }))],
    ['BigInt input', (n) => n.dryrunFunction(dryrun({ input: big() }))],
  ],
  getFunctionDryrun: [['empty id', (n) => n.getFunctionDryrun('')]],
  deployFunction: [
    ['empty integration_id', (n) => n.deployFunction(deploy({ integration_id: '' }))],
    ['BigInt', (n) => n.deployFunction(deploy({ extra: big() }))],
  ],
  getFunctionDeployment: [['empty id', (n) => n.getFunctionDeployment('')]],

  // connections, metadata, connect sessions
  listConnections: [
    // `limit: 0` is no limit, as in the official SDK (sent when truthy)
    ['limit 2001', (n) => n.listConnections({ limit: 2001 })],
    ['BigInt filter', (n) => n.listConnections({ tags: big() })],
    ['circular filter', (n) => n.listConnections({ tags: circular() })],
  ],
  connectionsIterator: [
    // its page size is clamped to 1..2000 (0: the default 1000)
    ['BigInt filter', (n) => first(n.connectionsIterator({ tags: big() }))],
    ['circular filter', (n) => first(n.connectionsIterator({ tags: circular() }))],
  ],
  getConnection: [
    ['empty providerConfigKey', (n) => n.getConnection('', c)],
    ['empty connectionId', (n) => n.getConnection(p, '')],
    ['..', (n) => n.getConnection(p, '..')],
    ['.', (n) => n.getConnection(p, '.')],
  ],
  getToken: [
    ['empty providerConfigKey', (n) => n.getToken('', c)],
    ['empty connectionId', (n) => n.getToken(p, '', true)],
  ],
  getRawTokenResponse: [['empty connectionId', (n) => n.getRawTokenResponse(p, '')]],
  getMetadata: [
    ['empty providerConfigKey', (n) => n.getMetadata('', c)],
    ['empty connectionId', (n) => n.getMetadata(p, '')],
  ],
  setMetadata: [
    ['empty connectionId', (n) => n.setMetadata(p, '', {})],
    ['empty providerConfigKey', (n) => n.setMetadata('', c, {})],
    ['no connection ids', (n) => n.setMetadata(p, [], {})],
    ['an array', (n) => n.setMetadata(p, c, ['not', 'an', 'object'])],
    ['BigInt', (n) => n.setMetadata(p, c, big())],
    ['circular', (n) => n.setMetadata(p, c, circular())],
  ],
  updateMetadata: [
    ['one empty id', (n) => n.updateMetadata(p, ['a', ''], {})],
    ['text', (n) => n.updateMetadata(p, c, 'text')],
    ['circular', (n) => n.updateMetadata(p, [c], circular())],
  ],
  patchConnection: [
    ['empty connectionId', (n) => n.patchConnection({ connectionId: '', provider_config_key: p }, {})],
    ['empty provider_config_key', (n) => n.patchConnection({ connectionId: c, provider_config_key: '' }, {})],
    ['..', (n) => n.patchConnection({ connectionId: '..', provider_config_key: p }, {})],
    ['BigInt body', (n) => n.patchConnection({ connectionId: c, provider_config_key: p }, { tags: big() })],
  ],
  deleteConnection: [
    ['empty connectionId', (n) => n.deleteConnection(p, '')],
    ['empty providerConfigKey', (n) => n.deleteConnection('', c)],
    ['..', (n) => n.deleteConnection(p, '..')],
  ],
  importConnection: [
    ['empty provider_config_key', (n) => n.importConnection({ provider_config_key: '', credentials: {} })],
    ['empty connection_id', (n) => n.importConnection({ provider_config_key: 'airtable', connection_id: '', credentials: {} })],
    ['BigInt', (n) => n.importConnection({ provider_config_key: 'airtable', connection_id: 'x', credentials: big() })],
  ],
  upsertConnection: [
    ['empty provider_config_key', (n) => n.upsertConnection({ provider_config_key: '', credentials: {} })],
    ['circular', (n) => n.upsertConnection({ provider_config_key: 'airtable', connection_id: 'x', credentials: circular() })],
  ],
  waitForConnection: [
    ['empty integration', (n) => n.waitForConnection('', 'u')],
    ['empty user', (n) => n.waitForConnection(p, '')],
  ],
  createConnectSession: [
    ['BigInt', (n) => n.createConnectSession({ tags: { end_user_id: 'u' }, extra: big() })],
    ['circular', (n) => n.createConnectSession({ tags: { end_user_id: 'u' }, extra: circular() })],
  ],
  createReconnectSession: [
    ['empty connection_id', (n) => n.createReconnectSession({ connection_id: '', integration_id: p })],
    ['empty integration_id', (n) => n.createReconnectSession({ connection_id: c, integration_id: '' })],
  ],
  getConnectSession: [
    ['empty token', (n) => n.getConnectSession('')],
    ['CR/LF token (a header)', (n) => n.getConnectSession(crlf)],
  ],
  deleteConnectSession: [
    ['empty token', (n) => n.deleteConnectSession('')],
    ['LF token (a header)', (n) => n.deleteConnectSession('a\nb')],
  ],

  // scripts, environments
  getScriptsConfig: [['unknown format', (n) => n.getScriptsConfig('xml')]],
  createEnvironment: [
    ['empty name', (n) => n.createEnvironment({ name: '' })],
    ['BigInt', (n) => n.createEnvironment({ name: 'e', extra: big() })],
  ],
  deleteEnvironment: [
    ['empty id', (n) => n.deleteEnvironment('')],
    ['..', (n) => n.deleteEnvironment('..')],
  ],
  createApiKey: [['empty environment id', (n) => n.createApiKey('', 'name')]],
  deleteApiKey: [
    ['empty environment id', (n) => n.deleteApiKey('', 'k')],
    ['empty key id', (n) => n.deleteApiKey('1', '')],
  ],

  // records: the connection and integration ids go into headers
  listRecords: [
    ['empty providerConfigKey', (n) => n.listRecords(records({ providerConfigKey: '' }))],
    ['empty connectionId', (n) => n.listRecords(records({ connectionId: '' }))],
    ['empty model', (n) => n.listRecords(records({ model: '' }))],
    ['CR/LF connectionId', (n) => n.listRecords(records({ connectionId: crlf }))],
    ['CR/LF providerConfigKey', (n) => n.listRecords(records({ providerConfigKey: crlf }))],
    // `limit: 0` is no limit, as in the official SDK (sent when truthy)
    ['limit 10001', (n) => n.listRecords(records({ limit: 10001 }))],
    ['101 ids', (n) => n.listRecords(records({ ids: Array.from({ length: 101 }, (_, i) => String(i)) }))],
  ],
  recordsIterator: [
    ['empty model', (n) => first(n.recordsIterator(records({ model: '' })))],
    ['CR/LF connectionId', (n) => first(n.recordsIterator(records({ connectionId: crlf })))],
    ['limit 10001', (n) => first(n.recordsIterator(records({ limit: 10001 })))],
  ],
  pruneRecords: [
    ['empty untilCursor', (n) => n.pruneRecords(records({ untilCursor: '' }))],
    ['empty connectionId', (n) => n.pruneRecords(records({ connectionId: '', untilCursor: 'cur' }))],
    ['CR/LF connectionId', (n) => n.pruneRecords(records({ connectionId: crlf, untilCursor: 'cur' }))],
  ],

  // syncs
  triggerSync: [['empty providerConfigKey', (n) => n.triggerSync('', ['items'], c)]],
  startSync: [['empty providerConfigKey', (n) => n.startSync('', ['items'], c)]],
  pauseSync: [['empty providerConfigKey', (n) => n.pauseSync('', ['items'], c)]],
  syncStatus: [['empty providerConfigKey', (n) => n.syncStatus('', '*', c)]],
  updateSyncConnectionFrequency: [
    ['empty connectionId', (n) => n.updateSyncConnectionFrequency(p, 'items', '', 'every hour')],
  ],
  createSyncVariant: [
    ['empty name', (n) => n.createSyncVariant(variant({ name: '' }))],
    ['empty variant', (n) => n.createSyncVariant(variant({ variant: '' }))],
    ['.. name', (n) => n.createSyncVariant(variant({ name: '..' }))],
  ],
  deleteSyncVariant: [['empty connection_id', (n) => n.deleteSyncVariant(variant({ connection_id: '' }))]],

  // actions: the connection id goes into a header
  triggerAction: [
    ['empty connectionId', (n) => n.triggerAction(p, '', 'echo', {})],
    ['empty action', (n) => n.triggerAction(p, c, '', {})],
    ['CR/LF connectionId', (n) => n.triggerAction(p, crlf, 'echo', {})],
    ['BigInt input', (n) => n.triggerAction(p, c, 'echo', big())],
    ['circular input', (n) => n.triggerAction(p, c, 'echo', circular())],
  ],
  triggerActionAsync: [
    ['empty providerConfigKey', (n) => n.triggerActionAsync('', c, 'echo', {})],
    ['CR/LF providerConfigKey', (n) => n.triggerActionAsync(crlf, c, 'echo', {})],
    ['X-Max-Retries 6', (n) => n.triggerActionAsync(p, c, 'echo', {}, { maxRetries: 6 })],
    ['circular input', (n) => n.triggerActionAsync(p, c, 'echo', circular())],
  ],
  getAsyncActionResult: [
    ['empty id', (n) => n.getAsyncActionResult({ id: '' })],
    ['.. id', (n) => n.getAsyncActionResult({ id: '..' })],
    ['a status URL on another host', (n) => n.getAsyncActionResult({ statusUrl: 'https://evil.example/action/1' })],
  ],
};

// The proxy: missing ids, CR/LF in ids and custom headers, a bad header name, a
// CR/LF base URL, a string query on an endpoint that has one, a body that is not JSON.
for (const m of ['proxy', 'get', 'post', 'put', 'patch', 'delete']) {
  const call = (n, config) => n[m](m === 'proxy' ? { method: 'POST', ...config } : config);
  CHECKS[m] = [
    ['no ids', (n) => call(n, { endpoint: '/x' })],
    ['no connectionId', (n) => call(n, { endpoint: '/x', providerConfigKey: p })],
    ['CR/LF connectionId', (n) => call(n, { ...proxyBase, connectionId: crlf })],
    ['CR/LF providerConfigKey', (n) => call(n, { ...proxyBase, providerConfigKey: crlf })],
    ['CR/LF custom header value', (n) => call(n, { ...proxyBase, headers: { 'X-A': 'v\r\nEvil: 1' } })],
    ['bad custom header name', (n) => call(n, { ...proxyBase, headers: { 'Bad Name': 'v' } })],
    ['CR/LF baseUrlOverride', (n) => call(n, { ...proxyBase, baseUrlOverride: 'http://a\r\n' })],
    ['two query strings', (n) => call(n, { ...proxyBase, endpoint: '/x?a=1', params: 'b=2' })],
  ];
  if (m !== 'get' && m !== 'delete') {
    CHECKS[m].push(['BigInt data', (n) => call(n, { ...proxyBase, data: big() })]);
    CHECKS[m].push(['circular data', (n) => call(n, { ...proxyBase, data: circular() })]);
  }
}

/** Methods with no id or value to refuse, and why. */
const EXEMPT = {
  listProviders: 'only an optional search, sent as an encoded query parameter',
  listIntegrations: 'no arguments',
  getEnvironmentVariables: 'no arguments',
  rotateWebhookSigningKey: 'no arguments',
  verifyIncomingWebhookRequest: 'local HMAC check, never sends; bad input answers false (checked below)',
  verifyWebhookSignature: 'local hash check, never sends; bad input answers false (checked below)',
  parseWebhook: "local check, never sends; bad input is kind 'webhook' (checked below)",
  verifyWebhookRequest: "reads a Request, never sends; bad input is kind 'webhook' (checked below)",
};

/** Prototype members that are not API methods: wasm-bindgen's, and the getters. */
const NOT_METHODS = new Set(['constructor', 'free', '__destroy_into_raw', 'serverUrl', 'connectionId', 'providerConfigKey']);

export function cases({ Nango, NangoError, host, apiKey, adminHost }) {
  const admin = adminApi(adminHost ?? host, apiKey);
  const sent = async () => {
    const { requests } = await admin('GET', 'requests');
    return requests.filter((r) => !r.path.startsWith('/_admin'));
  };
  const isNangoError = (e, kind, label) => {
    ok(e instanceof NangoError, `${label}: not a NangoError: ${e && e.stack ? e.stack : e}`);
    eq(e.name, 'NangoError', label);
    eq(e.constructor.name, 'NangoError', `${label}: the class name survives minification`);
    if (kind) eq(e.kind, kind, `${label}: kind of "${e.message}"`);
  };
  /** Runs `f` and returns what it threw or rejected with (fails if it succeeded). */
  const refusal = async (label, f) => {
    let result;
    try {
      result = f();
      if (result && typeof result.then === 'function') result = await result;
    } catch (e) {
      return e;
    }
    fail(`${label}: not refused (answered ${JSON.stringify(result)?.slice(0, 200)})`);
  };

  return [
    {
      name: 'bad input: every public method has checks or a stated exemption',
      async run() {
        const methods = Object.getOwnPropertyNames(Nango.prototype).filter((name) => {
          if (NOT_METHODS.has(name)) return false;
          const d = Object.getOwnPropertyDescriptor(Nango.prototype, name);
          return typeof d.value === 'function';
        });
        ok(methods.length > 50, `the class has its methods (${methods.length})`);
        const missing = methods.filter((m) => !(m in CHECKS) && !(m in EXEMPT));
        eq(missing, [], 'methods without a bad-input check or exemption');
        const stale = [...Object.keys(CHECKS), ...Object.keys(EXEMPT)].filter((m) => !methods.includes(m));
        eq(stale, [], 'checks of methods the class does not have');
        for (const [m, checks] of Object.entries(CHECKS)) ok(checks.length > 0, `${m}: no check`);
      },
    },
    {
      name: 'bad input: every method refuses with invalid_input and sends nothing',
      async run() {
        await admin('POST', 'reset');
        const nango = new Nango({ apiKey, host, retry: false, timeoutMs: 5000 });
        const problems = [];
        let count = 0;
        for (const [method, checks] of Object.entries(CHECKS)) {
          await admin('DELETE', 'requests');
          for (const [label, call] of checks) {
            const what = `${method}: ${label}`;
            count++;
            try {
              const e = await refusal(what, () => call(nango));
              isNangoError(e, 'invalid_input', what);
            } catch (e) {
              problems.push(String(e.message || e));
            }
          }
          const requests = await sent();
          if (requests.length > 0) {
            problems.push(`${method}: sent ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
          }
        }
        ok(count > 150, `checks run: ${count}`);
        if (problems.length > 0) fail(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      },
    },
    {
      name: 'bad input: construction refuses invalid hosts, both keys, no key, CR/LF',
      async run() {
        await admin('DELETE', 'requests');
        const refuses = async (label, props, message) => {
          const e = await refusal(label, () => new Nango(props));
          isNangoError(e, 'invalid_input', label);
          if (typeof message === 'string') eq(e.message, message, label);
          else if (message) ok(message.test(e.message), `${label}: ${e.message}`);
          ok(!e.message.includes('very-secret'), `${label}: the message never carries a key`);
        };
        await refuses('both keys', { apiKey: 'a', secretKey: 'b' }, 'You must specify only one of apiKey or secretKey, not both (cf. documentation).');
        const noKey = 'You must specify an API key (cf. documentation).';
        await refuses('no key', {}, noKey);
        await refuses('empty apiKey', { apiKey: '' }, noKey);
        await refuses('no options', undefined, noKey);
        await refuses('a string', 'key', noKey);
        await refuses('CR/LF apiKey', { apiKey: 'sk-very-secret\r\n' });
        for (const bad of ['localhost:3003', 'ftp://x', 'http://', 'http://a b', 'http://x/\r\n', 'http://x?q', 'http://u:p@x', 'not a url']) {
          await refuses(`host ${JSON.stringify(bad)}`, { apiKey: 'k', host: bad }, /^Invalid URL provided for the Nango host/);
        }
        await refuses('CR/LF userAgent', { apiKey: 'k', host, userAgent: 'x\ny' });
        await refuses('CR/LF connectionId', { apiKey: 'k', host, connectionId: 'c\r\n' });
        await refuses('CR/LF providerConfigKey', { apiKey: 'k', host, providerConfigKey: 'p\r\n' });
        eq(await sent(), [], 'nothing was sent');
      },
    },
    {
      name: 'bad input: the webhook methods answer false or a typed error, and send nothing',
      async run() {
        await admin('DELETE', 'requests');
        const nango = new Nango({ apiKey, host, webhookSigningKey: 'key', retry: false });
        for (const body of ['', '{}', 'not json']) {
          for (const headers of [{}, { 'x-nango-hmac-sha256': '' }, { 'x-nango-hmac-sha256': 'zz\r\n' }, new Headers()]) {
            eq(nango.verifyIncomingWebhookRequest(body, headers), false, `verify ${JSON.stringify(body)}`);
            const e = await refusal('parseWebhook', () => nango.parseWebhook(body, headers));
            isNangoError(e, 'webhook', 'parseWebhook');
          }
        }
        eq(nango.verifyWebhookSignature('', { a: 1 }), false, 'legacy, empty');
        eq(nango.verifyWebhookSignature('00', circular()), false, 'legacy, circular payload');
        const request = new Request('http://127.0.0.1/webhooks', { method: 'POST', body: '{}' });
        const e = await refusal('verifyWebhookRequest', () => nango.verifyWebhookRequest(request));
        isNangoError(e, 'webhook', 'verifyWebhookRequest');
        eq(await sent(), [], 'nothing was sent');
      },
    },
  ];
}
