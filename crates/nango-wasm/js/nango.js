// The `Nango` class: the methods of the official @nangohq/node SDK, under the same
// names, with the same positional arguments. Each method only reads its arguments
// (objects, options, deprecated forms) into a flat list of strings, numbers and
// JSON text; the Rust core (`Core.exchange`, one `Op` per method) builds and checks
// the request, and `execute` (shim.js) sends it with the core's retry decisions and
// returns the answer in the method's shape. Bad input is refused with a
// `NangoError` of kind `invalid_input` and nothing is sent.
import { Core, Op, inputError, waitDefaults } from './nango_wasm.js';
import { NangoError, execute, header, items, waitForConnection } from './shim.js';

export { NangoError };

/** Answer shapes of `execute` (see shim.js `shaped`). */
const JSON_BODY = 0;
const NOTHING = 1;
const RESPONSE = 2;
const TOKEN = 3;
const RAW_TOKEN = 4;
const METADATA = 5;
const CONFIGS = 6;
const LIST = 7;
const PROXY = 10;
const RESPONSE_TYPES = ['json', 'text', 'arraybuffer', 'blob', 'stream'];

const SIGNATURE_HEADER = 'x-nango-hmac-sha256';
const SYNC_SHAPE = 'each sync is a name or { name, variant }';
const NO_KEY = 'You must specify an API key (cf. documentation).';

const isObject = (v) => typeof v === 'object' && v !== null;
const isRecord = (v) => isObject(v) && !Array.isArray(v);

/** `v` as JSON text (`undefined` and `null`: `null`); a value JSON cannot write is refused. */
function json(v) {
  if (v === undefined || v === null) return 'null';
  let text;
  try {
    text = JSON.stringify(v);
  } catch {
    // a BigInt, a circular object
  }
  if (typeof text !== 'string') throw inputError('argument', 'cannot be converted to JSON');
  return text;
}

/** An argument object as JSON carries it (`{}` for anything else): what the server would see. */
const plain = (v) => (isObject(v) ? JSON.parse(json(v)) : {});

/** A field that is a non-empty string, or a number written out; otherwise `undefined`. */
function field(o, key) {
  const v = o[key];
  if (typeof v === 'string') return v === '' ? undefined : v;
  return typeof v === 'number' ? String(v) : undefined;
}

/** A value as text: strings as they are, `null` dropped, anything else as JSON writes it. */
const text = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? undefined : JSON.stringify(v));

/** An object's entries as a flat `[key, value, ...]` list of strings (`null` values dropped). */
function pairs(o) {
  if (!isRecord(o)) return undefined;
  const out = [];
  for (const [key, value] of Object.entries(o)) {
    const t = text(value);
    if (t !== undefined) out.push(key, t);
  }
  return out;
}

/** A boolean, or `undefined`. */
const bool = (v) => (typeof v === 'boolean' ? v : undefined);

/** A list of syncs (names or `{ name, variant }`) as `[name, variant or null, ...]`; `undefined` when absent. */
function syncList(v) {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    throw inputError('syncs', 'Syncs must be an array. If it is a single sync, please wrap it in an array.');
  }
  const out = [];
  for (const s of plain(v)) {
    if (typeof s === 'string') out.push(s, null);
    else if (typeof s?.name === 'string' && typeof s?.variant === 'string') out.push(s.name, s.variant);
    else throw inputError('syncs', SYNC_SHAPE);
  }
  return out;
}

/** Connection ids: a string, or an array of strings. */
function connectionIds(v) {
  if (!Array.isArray(v)) return typeof v === 'string' ? v : undefined;
  if (!v.every((id) => typeof id === 'string')) throw inputError('connectionId', 'ids are strings');
  return v;
}

/** `uniqueKey` of `{ uniqueKey }`, or the string itself (deprecated forms). */
const uniqueKey = (p) => (typeof p === 'string' ? p : field(plain(p), 'uniqueKey'));

/** A string argument, or the `key` of an object argument. */
const textOr = (v, key) => (typeof v === 'string' ? v : field(plain(v), key));

/** `args` with `value` at `i`. */
const withAt = (args, i, value) => args.map((v, j) => (j === i ? value : v));

/** The arguments of `Op.ListConnections` for both forms of `listConnections`. */
function listArgs(first, search, queries) {
  if (isObject(first)) {
    const p = plain(first);
    const ids = p.integrationId;
    const integrations =
      typeof ids === 'string' ? (ids === '' ? undefined : [ids]) : Array.isArray(ids) ? ids.filter((s) => typeof s === 'string') : undefined;
    return [field(p, 'connectionId'), field(p, 'userId'), undefined, undefined, integrations, pairs(p.tags), p.limit, p.page];
  }
  const q = plain(queries);
  return [
    typeof first === 'string' ? first : undefined,
    field(q, 'endUserId'),
    field(q, 'endUserOrganizationId'),
    typeof search === 'string' ? search : undefined,
    undefined,
    undefined,
    q.limit,
    q.page,
  ];
}

/** The arguments of `Op.ListRecords` for a `listRecords` config. */
function recordArgs(config) {
  const c = plain(config);
  return [
    field(c, 'providerConfigKey'),
    field(c, 'connectionId'),
    field(c, 'model'),
    field(c, 'variant'),
    field(c, 'modifiedAfter') ?? field(c, 'delta'),
    c.limit,
    field(c, 'filter'),
    field(c, 'cursor'),
    Array.isArray(c.ids) ? c.ids.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : undefined,
  ];
}

/** The bytes of a webhook body: text, bytes, or an object a framework already parsed (as JSON). */
function bodyBytes(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  let t = body;
  if (typeof body !== 'string') {
    try {
      t = JSON.stringify(body);
    } catch {
      t = undefined;
    }
  }
  return new TextEncoder().encode(t ?? '');
}

const webhookError = (code, message) => new NangoError('webhook', message, { code });

/** The event of a webhook body, once its signature holds: the signed JSON as Nango sent it. */
function webhookEvent(core, body, headers) {
  core.check(body, header(headers, SIGNATURE_HEADER));
  let t;
  try {
    t = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw webhookError('invalid_webhook', 'the webhook body is not UTF-8 JSON');
  }
  try {
    return JSON.parse(t);
  } catch (e) {
    throw webhookError('invalid_webhook', `the webhook body is not JSON: ${e.message}`);
  }
}

/** A Nango API client (see index.d.ts for every method's types). */
export class Nango {
  #core;

  constructor(config) {
    if (!isObject(config)) throw new NangoError('invalid_input', NO_KEY);
    const option = (key) => (typeof config[key] === 'string' && config[key] !== '' ? config[key] : undefined);
    const keys = config.webhookSigningKey;
    const signing = Array.isArray(keys) ? keys.filter((k) => typeof k === 'string') : option('webhookSigningKey') ? [keys] : [];
    const flags = (config.isSync === true ? 1 : 0) | (config.isScript === true ? 2 : 0) | (config.dryRun === true ? 4 : 0);
    const t = config.timeoutMs;
    const timeout = t === null || t === 0 ? 0 : typeof t === 'number' && t > 0 ? t : NaN;
    const r = config.retry;
    const num = (v) => (typeof v === 'number' ? v : NaN);
    const deadline = isObject(r) ? (r.deadlineMs === null ? -1 : num(r.deadlineMs) >= 0 ? r.deadlineMs : NaN) : NaN;
    const retry =
      r === false
        ? undefined
        : isObject(r)
          ? [num(r.maxAttempts), num(r.initialBackoffMs), num(r.maxBackoffMs), num(r.maxRetryAfterMs), deadline, r.retryNonIdempotent === true ? 1 : r.retryNonIdempotent === false ? 0 : NaN]
          : [];
    this.#core = new Core(
      option('host'),
      option('apiKey'),
      option('secretKey'),
      signing,
      option('connectionId'),
      option('providerConfigKey'),
      option('activityLogId'),
      option('userAgent'),
      flags,
      timeout,
      retry,
      typeof config.fetch === 'function' ? config.fetch : undefined,
    );
  }

  /** The host requests go to (without a trailing `/`). */
  get serverUrl() {
    return this.#core.host;
  }

  /** The default connection id of the proxy (`''` when none). */
  get connectionId() {
    return this.#core.connectionId;
  }

  /** The default integration id of the proxy (`''` when none). */
  get providerConfigKey() {
    return this.#core.providerConfigKey;
  }

  /** Releases the client's WebAssembly memory now (it is otherwise released when the object is collected). */
  free() {
    this.#core.free();
  }

  /** Sends `op` with `args`; resolves to the answer in `shape`. */
  #send(op, args, shape) {
    return execute(this.#core.exchange(op, args), shape, false);
  }

  // Connections

  async listConnections(first, search, queries) {
    return this.#send(Op.ListConnections, listArgs(first, search, queries), JSON_BODY);
  }

  connectionsIterator(params) {
    const p = plain(params);
    const limit = Math.min(Number.isInteger(p.limit) && p.limit > 0 ? p.limit : 1000, 2000);
    let page = Number.isInteger(p.page) && p.page > 0 ? p.page : 0;
    const args = listArgs({ ...p, limit, page: undefined });
    const core = this.#core;
    core.exchange(Op.ListConnections, args).free(); // bad input is refused now
    let finished = false;
    return items(async () => {
      if (finished) return undefined;
      const res = await execute(core.exchange(Op.ListConnections, withAt(args, 7, page)), JSON_BODY, false);
      const list = Array.isArray(res?.connections) ? res.connections : [];
      page += 1;
      finished = list.length < limit;
      return list.length === 0 ? undefined : list;
    });
  }

  async getConnection(providerConfigKey, connectionId, forceRefresh, refreshToken, refreshGithubAppJwtToken) {
    const args = [providerConfigKey, connectionId, forceRefresh, refreshToken, refreshGithubAppJwtToken];
    return this.#send(Op.GetConnection, args, JSON_BODY);
  }

  async getToken(providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken) {
    return this.#send(Op.GetToken, [providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken], TOKEN);
  }

  async getRawTokenResponse(providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken) {
    return this.#send(Op.GetToken, [providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken], RAW_TOKEN);
  }

  async getMetadata(providerConfigKey, connectionId) {
    return this.#send(Op.GetMetadata, [providerConfigKey, connectionId], METADATA);
  }

  async setMetadata(providerConfigKey, connectionId, metadata) {
    return this.#metadata(Op.SetMetadata, providerConfigKey, connectionId, metadata);
  }

  async updateMetadata(providerConfigKey, connectionId, metadata) {
    return this.#metadata(Op.UpdateMetadata, providerConfigKey, connectionId, metadata);
  }

  #metadata(op, providerConfigKey, connectionId, metadata) {
    const body = metadata === undefined || metadata === null ? undefined : json(metadata);
    return this.#send(op, [providerConfigKey, connectionIds(connectionId), body], RESPONSE);
  }

  async patchConnection(params, body) {
    const p = plain(params);
    return this.#send(Op.PatchConnection, [field(p, 'connectionId'), field(p, 'provider_config_key'), json(body)], JSON_BODY);
  }

  async deleteConnection(providerConfigKey, connectionId) {
    return this.#send(Op.DeleteConnection, [providerConfigKey, connectionId], RESPONSE);
  }

  async importConnection(body) {
    return this.#send(Op.ImportConnection, [json(body)], JSON_BODY);
  }

  async upsertConnection(body) {
    return this.importConnection(body);
  }

  async waitForConnection(integrationKey, userId, options) {
    const exchange = this.#core.exchange(Op.WaitForConnection, [integrationKey, userId]);
    const [attempts, firstDelay, delay] = waitDefaults();
    const o = isObject(options) ? options : {};
    const ms = (v, d) => (typeof v === 'number' && v >= 0 ? v : d);
    const max = typeof o.maxAttempts === 'number' && o.maxAttempts >= 1 ? Math.floor(o.maxAttempts) : attempts;
    return waitForConnection(exchange, integrationKey, ms(o.initialDelayMs, firstDelay), ms(o.delayMs, delay), max, o.signal);
  }

  // Integrations and their functions

  async listIntegrations() {
    return this.#send(Op.ListIntegrations, [], CONFIGS);
  }

  async getIntegration(params, queries) {
    const include = queries === true ? ['credentials'] : plain(queries).include;
    const list = Array.isArray(include) ? include.filter((s) => typeof s === 'string') : undefined;
    return this.#send(Op.GetIntegration, [uniqueKey(params), list], JSON_BODY);
  }

  async createIntegration(body) {
    return this.#send(Op.CreateIntegration, [json(body)], JSON_BODY);
  }

  async createQuickstartIntegration(body) {
    return this.#send(Op.CreateQuickstartIntegration, [json(body)], JSON_BODY);
  }

  async updateIntegration(params, body) {
    return this.#send(Op.UpdateIntegration, [uniqueKey(params), json(body)], JSON_BODY);
  }

  async deleteIntegration(key) {
    return this.#send(Op.DeleteIntegration, [uniqueKey(key)], RESPONSE);
  }

  async listFunctions(params, queries) {
    const q = plain(queries);
    return this.#send(Op.ListFunctions, [uniqueKey(params), field(q, 'type'), field(q, 'search'), q.page, q.limit], JSON_BODY);
  }

  async getFunction(params, queries) {
    return this.#function(Op.GetFunction, params, queries);
  }

  async getFunctionCode(params, queries) {
    return this.#function(Op.GetFunctionCode, params, queries);
  }

  async deleteFunction(params, queries) {
    return this.#function(Op.DeleteFunction, params, queries);
  }

  #function(op, params, queries) {
    const p = plain(params);
    return this.#send(op, [field(p, 'uniqueKey'), field(p, 'name'), field(plain(queries), 'type')], JSON_BODY);
  }

  // Syncs

  async triggerSync(providerConfigKey, syncs, connectionId, opts) {
    const o = plain(opts);
    const mode = typeof opts === 'string' || typeof opts === 'boolean' ? opts : undefined;
    const args = [providerConfigKey, syncList(syncs), connectionId, mode, bool(o.reset), bool(o.emptyCache)];
    return this.#send(Op.TriggerSync, args, RESPONSE);
  }

  async startSync(providerConfigKey, syncs, connectionId) {
    return this.#send(Op.StartSync, [providerConfigKey, syncList(syncs), connectionId], RESPONSE);
  }

  async pauseSync(providerConfigKey, syncs, connectionId) {
    return this.#send(Op.PauseSync, [providerConfigKey, syncList(syncs), connectionId], RESPONSE);
  }

  async syncStatus(providerConfigKey, syncs, connectionId) {
    const list = syncs === '*' ? '*' : syncList(syncs);
    return this.#send(Op.SyncStatus, [providerConfigKey, list, connectionId], JSON_BODY);
  }

  async updateSyncConnectionFrequency(providerConfigKey, sync, connectionId, frequency) {
    let name = typeof sync === 'string' ? sync : undefined;
    let variant;
    if (isObject(sync)) {
      const s = plain(sync);
      if (typeof s.name !== 'string' || typeof s.variant !== 'string') throw inputError('sync', SYNC_SHAPE);
      [name, variant] = [s.name, s.variant];
    }
    if (typeof connectionId !== 'string') throw inputError('connectionId', 'ConnectionId must be a string.');
    if (typeof frequency !== 'string' && frequency !== null) {
      throw inputError('frequency', 'Frequency must be a string or null.');
    }
    return this.#send(Op.UpdateSyncFrequency, [providerConfigKey, name, variant, connectionId, frequency], JSON_BODY);
  }

  async createSyncVariant(props) {
    return this.#variant(Op.CreateSyncVariant, props);
  }

  async deleteSyncVariant(props) {
    return this.#variant(Op.DeleteSyncVariant, props);
  }

  #variant(op, props) {
    const p = plain(props);
    const args = [field(p, 'provider_config_key'), field(p, 'connection_id'), field(p, 'name'), field(p, 'variant')];
    return this.#send(op, args, JSON_BODY);
  }

  // Actions

  async triggerAction(providerConfigKey, connectionId, actionName, input) {
    return this.#send(Op.TriggerAction, [providerConfigKey, connectionId, actionName, json(input)], JSON_BODY);
  }

  async triggerActionAsync(providerConfigKey, connectionId, actionName, input, options) {
    const retries = isObject(options) && typeof options.maxRetries === 'number' ? options.maxRetries : undefined;
    const args = [providerConfigKey, connectionId, actionName, json(input), retries];
    return this.#send(Op.TriggerActionAsync, args, JSON_BODY);
  }

  async getAsyncActionResult(props) {
    const p = plain(props);
    return this.#send(Op.GetAsyncActionResult, [field(p, 'statusUrl'), field(p, 'id')], JSON_BODY);
  }

  // Connect sessions

  async createConnectSession(body) {
    return this.#send(Op.CreateConnectSession, [json(body)], JSON_BODY);
  }

  async createReconnectSession(body) {
    return this.#send(Op.CreateReconnectSession, [json(body)], JSON_BODY);
  }

  async getConnectSession(token) {
    return this.#send(Op.GetConnectSession, [token], JSON_BODY);
  }

  async deleteConnectSession(token) {
    return this.#send(Op.DeleteConnectSession, [token], NOTHING);
  }

  // Environments and keys

  async createEnvironment(body) {
    return this.#send(Op.CreateEnvironment, [json(body)], JSON_BODY);
  }

  async deleteEnvironment(environmentId) {
    return this.#send(Op.DeleteEnvironment, [environmentId], NOTHING);
  }

  async createApiKey(environmentId, displayName) {
    return this.#send(Op.CreateApiKey, [environmentId, displayName], JSON_BODY);
  }

  async deleteApiKey(environmentId, keyId) {
    return this.#send(Op.DeleteApiKey, [environmentId, keyId], JSON_BODY);
  }

  async rotateWebhookSigningKey() {
    return this.#send(Op.RotateWebhookSigningKey, [], JSON_BODY);
  }

  // Functions

  async compileFunction(code) {
    return this.#send(Op.CompileFunction, [textOr(code, 'code')], JSON_BODY);
  }

  async dryrunFunction(body) {
    return this.#send(Op.DryrunFunction, [json(body)], JSON_BODY);
  }

  async getFunctionDryrun(id) {
    return this.#send(Op.GetFunctionDryrun, [textOr(id, 'id')], JSON_BODY);
  }

  async deployFunction(body) {
    return this.#send(Op.DeployFunction, [json(body)], JSON_BODY);
  }

  async getFunctionDeployment(id) {
    return this.#send(Op.GetFunctionDeployment, [textOr(id, 'id')], JSON_BODY);
  }

  // Providers, scripts

  async listProviders(queries) {
    return this.#send(Op.ListProviders, [field(plain(queries), 'search')], JSON_BODY);
  }

  async getProvider(params) {
    return this.#send(Op.GetProvider, [field(plain(params), 'provider')], JSON_BODY);
  }

  async getProviderTemplates(params) {
    return this.#send(Op.GetProviderTemplates, [field(plain(params), 'provider')], JSON_BODY);
  }

  async getScriptsConfig(format) {
    return this.#send(Op.GetScriptsConfig, [format], JSON_BODY);
  }

  async getEnvironmentVariables() {
    return this.#send(Op.GetEnvironmentVariables, [], LIST);
  }

  // Records

  async listRecords(config) {
    return this.#send(Op.ListRecords, recordArgs(config), JSON_BODY);
  }

  recordsIterator(config) {
    const args = recordArgs(config);
    const core = this.#core;
    core.exchange(Op.ListRecords, args).free(); // bad input is refused now
    let cursor;
    let finished = false;
    return items(async () => {
      if (finished) return undefined;
      const page = await execute(core.exchange(Op.ListRecords, cursor === undefined ? args : withAt(args, 7, cursor)), JSON_BODY, false);
      const next = typeof page?.next_cursor === 'string' && page.next_cursor !== '' ? page.next_cursor : undefined;
      finished = next === undefined || next === cursor;
      cursor = next;
      return Array.isArray(page?.records) ? page.records : undefined;
    });
  }

  async pruneRecords(config) {
    const c = plain(config);
    const args = [field(c, 'providerConfigKey'), field(c, 'connectionId'), field(c, 'model'), field(c, 'untilCursor'), field(c, 'variant'), c.limit];
    return this.#send(Op.PruneRecords, args, JSON_BODY);
  }

  // The proxy

  async proxy(config) {
    return this.#proxy(config);
  }

  async get(config) {
    return this.#proxy(config, 'GET');
  }

  async post(config) {
    return this.#proxy(config, 'POST');
  }

  async put(config) {
    return this.#proxy(config, 'PUT');
  }

  async patch(config) {
    return this.#proxy(config, 'PATCH');
  }

  async delete(config) {
    return this.#proxy(config, 'DELETE');
  }

  #proxy(config, method) {
    const { data, ...rest } = isObject(config) ? config : {};
    const c = plain(rest);
    // `data` keeps its bytes: text and binary as they are, anything else as JSON.
    let bytes;
    let body;
    if (typeof data === 'string') bytes = new TextEncoder().encode(data);
    else if (data instanceof Uint8Array) bytes = data;
    else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
    else if (data !== undefined && data !== null) body = json(data);
    const retryOn = Array.isArray(c.retryOn) ? c.retryOn.filter((n) => Number.isInteger(n) && n >= 0).map(String) : undefined;
    const args = [
      method ?? field(c, 'method') ?? 'GET',
      field(c, 'endpoint'),
      field(c, 'providerConfigKey'),
      field(c, 'connectionId'),
      pairs(c.headers),
      typeof c.params === 'string' ? c.params : undefined,
      pairs(c.params),
      field(c, 'baseUrlOverride'),
      c.retries,
      c.decompress,
      retryOn,
      c.forwardHeadersOnRedirect,
      bytes,
      body,
    ];
    return this.#send(Op.Proxy, args, PROXY + Math.max(0, RESPONSE_TYPES.indexOf(c.responseType)));
  }

  // Webhooks

  verifyIncomingWebhookRequest(body, headers) {
    return this.#core.verify(bodyBytes(body), header(headers, SIGNATURE_HEADER));
  }

  verifyWebhookSignature(signature, jsonPayload) {
    let t;
    try {
      t = JSON.stringify(jsonPayload);
    } catch {
      t = undefined;
    }
    return typeof signature === 'string' && this.#core.verifyLegacy(new TextEncoder().encode(t ?? ''), signature);
  }

  parseWebhook(body, headers) {
    return webhookEvent(this.#core, bodyBytes(body), headers);
  }

  async verifyWebhookRequest(request) {
    if (typeof request?.arrayBuffer !== 'function') throw new NangoError('invalid_input', '`request` is not a Request');
    const body = new Uint8Array(await request.arrayBuffer());
    return webhookEvent(this.#core, body, request.headers);
  }
}
