// The `Nango` class: the methods of the official @nangohq/node SDK, under the same
// names, with the same positional arguments. Each method only reads its arguments
// (objects, options, deprecated forms) into one object of strings, numbers and
// JSON text, named as the caller knows them; the Rust core (`Core.exchange`, one
// `Op` per method, named after it) builds and checks the request, and `execute`
// (shim.js) sends it with the core's retry decisions and returns the answer in
// the method's shape. Bad input is refused with a
// `NangoError` of kind `invalid_input` and nothing is sent.
import { Core, Cursors, inputError, tokenShape, waitDefaults } from './nango_wasm.js';
import { NangoError, execute, header, items, waitForConnection } from './shim.js';

export { NangoError };
export { getUserAgent } from './nango_wasm.js';

// The values @nangohq/node exports besides its class (types in src/compat.d.ts).
export const prodHost = 'https://api.nango.dev';
export const SyncConfigType = Object.freeze({ SYNC: 'sync', ACTION: 'action' });
export const AuthModes = Object.freeze({
  OAuth1: 'OAUTH1',
  OAuth2: 'OAUTH2',
  OAuth2CC: 'OAUTH2_CC',
  Basic: 'BASIC',
  ApiKey: 'API_KEY',
  Custom: 'CUSTOM',
  App: 'APP',
  None: 'NONE',
  TBA: 'TBA',
  Jwt: 'JWT',
  Bill: 'BILL',
  TwoStep: 'TWO_STEP',
  Signature: 'SIGNATURE',
  MCP_OAUTH2: 'MCP_OAUTH2',
  MCP_OAUTH2_GENERIC: 'MCP_OAUTH2_GENERIC',
  InstallPlugin: 'INSTALL_PLUGIN',
  AwsSigV4: 'AWS_SIGV4',
});
// The loaders of the `.wasm`, for the package's entries (workerd.js, node.js...).
export { default, initSync } from './nango_wasm.js';

/**
 * Answer shapes of `execute` (see shim.js `shaped`); operations are named by the
 * method that sends them (`Op` in src/ops.rs).
 */
const JSON_BODY = 'json';
const NOTHING = 'nothing';
const RESPONSE = 'response';
const RAW_TOKEN = 'raw_token';
const METADATA = 'metadata';
const CONFIGS = 'configs';
const LIST = 'list';
const PROXY = 'proxy';
const RESPONSE_TYPES = ['json', 'text', 'arraybuffer', 'blob', 'stream'];

const SIGNATURE_HEADER = 'x-nango-hmac-sha256';
const SYNC_SHAPE = 'each sync is a name or { name, variant }';

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

/** The arguments of `'listConnections'` for both forms of `listConnections`. */
function listArgs(first, search, queries) {
  if (isObject(first)) {
    const p = plain(first);
    const ids = p.integrationId;
    const integrations =
      typeof ids === 'string' ? (ids === '' ? undefined : [ids]) : Array.isArray(ids) ? ids.filter((s) => typeof s === 'string') : undefined;
    return { connectionId: field(p, 'connectionId'), endUserId: field(p, 'userId'), integrationIds: integrations, tags: pairs(p.tags), limit: p.limit, page: p.page };
  }
  const q = plain(queries);
  return {
    connectionId: typeof first === 'string' ? first : undefined,
    endUserId: field(q, 'endUserId'),
    endUserOrganizationId: field(q, 'endUserOrganizationId'),
    search: typeof search === 'string' ? search : undefined,
    limit: q.limit,
    page: q.page,
  };
}

/** The arguments of `'listRecords'` for a `listRecords` config. */
function recordArgs(config) {
  const c = plain(config);
  return {
    providerConfigKey: field(c, 'providerConfigKey'),
    connectionId: field(c, 'connectionId'),
    model: field(c, 'model'),
    variant: field(c, 'variant'),
    modifiedAfter: field(c, 'modifiedAfter') ?? field(c, 'delta'),
    limit: c.limit,
    filter: field(c, 'filter'),
    cursor: field(c, 'cursor'),
    ids: Array.isArray(c.ids) ? c.ids.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : undefined,
  };
}

/** `getToken`'s answer from a connection's credentials: which part is the core's decision (`TokenShape`). */
function token(credentials) {
  switch (tokenShape(typeof credentials?.type === 'string' ? credentials.type : undefined)) {
    case 'access_token':
      return credentials.access_token;
    case 'oauth1':
      return { oAuthToken: credentials.oauth_token, oAuthTokenSecret: credentials.oauth_token_secret };
    default:
      return credentials;
  }
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
  // The class's own name, kept through esbuild's `--minify` (which renames classes):
  // `Nango.name`, `nango.constructor.name` and `console.log(nango)` say `Nango`. Under
  // 10 bytes gzipped for both classes, where esbuild's `--keep-names` costs 0.7 KB.
  static name = 'Nango';

  #core;

  /** `options`: see `NangoProps` in index.d.ts, read by the Rust half (`src/options.rs`). */
  constructor(options, admin) {
    // The official constructor's second argument: only its `userAgent` applies here (no axios).
    const ua = admin?.userAgent;
    const own = typeof ua === 'string' && options !== null && typeof options === 'object' && options.userAgent === undefined;
    this.#core = new Core(own ? { ...options, userAgent: ua } : options);
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

  /**
   * Sends `op` with `args` and the call's own `options` (`{ timeoutMs, retry }`,
   * the argument after a method's official ones); resolves to the answer in `shape`.
   */
  #send(op, args, shape, options) {
    return execute(this.#core.exchange(op, args, options), shape, false);
  }

  // Connections

  async listConnections(first, search, queries, options) {
    // The call options follow the official arguments: the object form has one.
    const own = isObject(first) ? search : options;
    return this.#send('listConnections', listArgs(first, search, queries), JSON_BODY, own);
  }

  connectionsIterator(params, options) {
    const p = plain(params);
    const limit = Math.min(Number.isInteger(p.limit) && p.limit > 0 ? p.limit : 1000, 2000);
    let page = Number.isInteger(p.page) && p.page > 0 ? p.page : 0;
    const args = listArgs({ ...p, limit, page: undefined });
    const core = this.#core;
    core.exchange('listConnections', args, options).free(); // bad input is refused now
    let finished = false;
    // A server that answers the same full page for every page number would be
    // paged forever: as the native `connections_stream`, the same page twice ends
    // the iterator (after that page) with a `pagination_loop` error.
    let last;
    let failure;
    return items(async () => {
      if (failure) {
        finished = true;
        throw failure;
      }
      if (finished) return undefined;
      const res = await execute(core.exchange('listConnections', { ...args, page }, options), JSON_BODY, false);
      const list = Array.isArray(res?.connections) ? res.connections : [];
      page += 1;
      finished = list.length < limit;
      const key = list.map((c) => `${c?.provider_config_key}\n${c?.connection_id}`).join('\n');
      if (!finished && key === last) {
        failure = new NangoError('pagination_loop', 'pagination loop: the server sent the same page of connections twice');
      }
      last = key;
      return list.length === 0 ? undefined : list;
    });
  }

  async getConnection(providerConfigKey, connectionId, forceRefresh, refreshToken, refreshGithubAppJwtToken, options) {
    const args = { providerConfigKey, connectionId, forceRefresh, refreshToken, refreshGithubAppJwtToken };
    return this.#send('getConnection', args, JSON_BODY, options);
  }

  async getToken(providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken, options) {
    const connection = await this.#send('getToken', { providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken }, JSON_BODY, options);
    return token(connection?.credentials);
  }

  async getRawTokenResponse(providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken, options) {
    return this.#send('getToken', { providerConfigKey, connectionId, forceRefresh, refreshGithubAppJwtToken }, RAW_TOKEN, options);
  }

  async getMetadata(providerConfigKey, connectionId, options) {
    return this.#send('getMetadata', { providerConfigKey, connectionId }, METADATA, options);
  }

  async setMetadata(providerConfigKey, connectionId, metadata, options) {
    return this.#metadata('setMetadata', providerConfigKey, connectionId, metadata, options);
  }

  async updateMetadata(providerConfigKey, connectionId, metadata, options) {
    return this.#metadata('updateMetadata', providerConfigKey, connectionId, metadata, options);
  }

  #metadata(op, providerConfigKey, connectionId, metadata, options) {
    const body = metadata === undefined || metadata === null ? undefined : json(metadata);
    return this.#send(op, { providerConfigKey, connectionId: connectionIds(connectionId), metadata: body }, RESPONSE, options);
  }

  async patchConnection(params, body, options) {
    const p = plain(params);
    return this.#send('patchConnection', { connectionId: field(p, 'connectionId'), provider_config_key: field(p, 'provider_config_key'), body: json(body) }, JSON_BODY, options);
  }

  async deleteConnection(providerConfigKey, connectionId, options) {
    return this.#send('deleteConnection', { providerConfigKey, connectionId }, RESPONSE, options);
  }

  async importConnection(body, options) {
    return this.#send('importConnection', { body: json(body) }, JSON_BODY, options);
  }

  async upsertConnection(body, options) {
    return this.importConnection(body, options);
  }

  async waitForConnection(integrationKey, userId, options) {
    // `options` holds the polling's timings and `signal` beside the call options (of each poll).
    const exchange = this.#core.exchange('waitForConnection', { integrationKey, userId }, options);
    const [attempts, firstDelay, delay] = waitDefaults();
    const o = isObject(options) ? options : {};
    const ms = (v, d) => (typeof v === 'number' && v >= 0 ? v : d);
    const max = typeof o.maxAttempts === 'number' && o.maxAttempts >= 1 ? Math.floor(o.maxAttempts) : attempts;
    return waitForConnection(exchange, integrationKey, ms(o.initialDelayMs, firstDelay), ms(o.delayMs, delay), max, o.signal);
  }

  // Integrations and their functions

  async listIntegrations(options) {
    return this.#send('listIntegrations', {}, CONFIGS, options);
  }

  async getIntegration(params, queries, options) {
    const include = queries === true ? ['credentials'] : plain(queries).include;
    const list = Array.isArray(include) ? include.filter((s) => typeof s === 'string') : undefined;
    return this.#send('getIntegration', { uniqueKey: uniqueKey(params), include: list }, JSON_BODY, options);
  }

  async createIntegration(body, options) {
    return this.#send('createIntegration', { body: json(body) }, JSON_BODY, options);
  }

  async createQuickstartIntegration(body, options) {
    return this.#send('createQuickstartIntegration', { body: json(body) }, JSON_BODY, options);
  }

  async updateIntegration(params, body, options) {
    return this.#send('updateIntegration', { uniqueKey: uniqueKey(params), body: json(body) }, JSON_BODY, options);
  }

  async deleteIntegration(key, options) {
    return this.#send('deleteIntegration', { uniqueKey: uniqueKey(key) }, RESPONSE, options);
  }

  async listFunctions(params, queries, options) {
    const q = plain(queries);
    return this.#send('listFunctions', { uniqueKey: uniqueKey(params), type: field(q, 'type'), search: field(q, 'search'), page: q.page, limit: q.limit }, JSON_BODY, options);
  }

  async getFunction(params, queries, options) {
    return this.#function('getFunction', params, queries, options);
  }

  async getFunctionCode(params, queries, options) {
    return this.#function('getFunctionCode', params, queries, options);
  }

  async deleteFunction(params, queries, options) {
    return this.#function('deleteFunction', params, queries, options);
  }

  #function(op, params, queries, options) {
    const p = plain(params);
    return this.#send(op, { uniqueKey: field(p, 'uniqueKey'), name: field(p, 'name'), type: field(plain(queries), 'type') }, JSON_BODY, options);
  }

  // Syncs

  async triggerSync(providerConfigKey, syncs, connectionId, opts, options) {
    const o = plain(opts);
    const mode = typeof opts === 'string' || typeof opts === 'boolean' ? opts : undefined;
    const args = { providerConfigKey, syncs: syncList(syncs), connectionId, mode, reset: bool(o.reset), emptyCache: bool(o.emptyCache) };
    return this.#send('triggerSync', args, RESPONSE, options);
  }

  async startSync(providerConfigKey, syncs, connectionId, options) {
    return this.#send('startSync', { providerConfigKey, syncs: syncList(syncs), connectionId }, RESPONSE, options);
  }

  async pauseSync(providerConfigKey, syncs, connectionId, options) {
    return this.#send('pauseSync', { providerConfigKey, syncs: syncList(syncs), connectionId }, RESPONSE, options);
  }

  async syncStatus(providerConfigKey, syncs, connectionId, options) {
    const list = syncs === '*' ? '*' : syncList(syncs);
    return this.#send('syncStatus', { providerConfigKey, syncs: list, connectionId }, JSON_BODY, options);
  }

  async updateSyncConnectionFrequency(providerConfigKey, sync, connectionId, frequency, options) {
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
    return this.#send('updateSyncConnectionFrequency', { providerConfigKey, sync: name, variant, connectionId, frequency }, JSON_BODY, options);
  }

  async createSyncVariant(props, options) {
    return this.#variant('createSyncVariant', props, options);
  }

  async deleteSyncVariant(props, options) {
    return this.#variant('deleteSyncVariant', props, options);
  }

  #variant(op, props, options) {
    const p = plain(props);
    const args = {
      provider_config_key: field(p, 'provider_config_key'),
      connection_id: field(p, 'connection_id'),
      name: field(p, 'name'),
      variant: field(p, 'variant'),
    };
    return this.#send(op, args, JSON_BODY, options);
  }

  // Actions

  async triggerAction(providerConfigKey, connectionId, actionName, input, options) {
    return this.#send('triggerAction', { providerConfigKey, connectionId, actionName, input: json(input) }, JSON_BODY, options);
  }

  async triggerActionAsync(providerConfigKey, connectionId, actionName, input, options) {
    // `options` is the package's own: `maxRetries` beside the call options.
    const retries = isObject(options) && typeof options.maxRetries === 'number' ? options.maxRetries : undefined;
    const args = { providerConfigKey, connectionId, actionName, input: json(input), maxRetries: retries };
    return this.#send('triggerActionAsync', args, JSON_BODY, options);
  }

  async getAsyncActionResult(props, options) {
    const p = plain(props);
    return this.#send('getAsyncActionResult', { statusUrl: field(p, 'statusUrl'), id: field(p, 'id') }, JSON_BODY, options);
  }

  // Connect sessions

  async createConnectSession(body, options) {
    return this.#send('createConnectSession', { body: json(body) }, JSON_BODY, options);
  }

  async createReconnectSession(body, options) {
    return this.#send('createReconnectSession', { body: json(body) }, JSON_BODY, options);
  }

  async getConnectSession(token, options) {
    return this.#send('getConnectSession', { token }, JSON_BODY, options);
  }

  async deleteConnectSession(token, options) {
    return this.#send('deleteConnectSession', { token }, NOTHING, options);
  }

  // Environments and keys

  async createEnvironment(body, options) {
    return this.#send('createEnvironment', { body: json(body) }, JSON_BODY, options);
  }

  async deleteEnvironment(environmentId, options) {
    return this.#send('deleteEnvironment', { environmentId }, NOTHING, options);
  }

  async createApiKey(environmentId, displayName, options) {
    return this.#send('createApiKey', { environmentId, displayName }, JSON_BODY, options);
  }

  async deleteApiKey(environmentId, keyId, options) {
    return this.#send('deleteApiKey', { environmentId, keyId }, JSON_BODY, options);
  }

  async rotateWebhookSigningKey(options) {
    return this.#send('rotateWebhookSigningKey', {}, JSON_BODY, options);
  }

  // Functions

  async compileFunction(code, options) {
    return this.#send('compileFunction', { code: textOr(code, 'code') }, JSON_BODY, options);
  }

  async dryrunFunction(body, options) {
    return this.#send('dryrunFunction', { body: json(body) }, JSON_BODY, options);
  }

  async getFunctionDryrun(id, options) {
    return this.#send('getFunctionDryrun', { id: textOr(id, 'id') }, JSON_BODY, options);
  }

  async deployFunction(body, options) {
    return this.#send('deployFunction', { body: json(body) }, JSON_BODY, options);
  }

  async getFunctionDeployment(id, options) {
    return this.#send('getFunctionDeployment', { id: textOr(id, 'id') }, JSON_BODY, options);
  }

  // Providers, scripts

  async listProviders(queries, options) {
    return this.#send('listProviders', { search: field(plain(queries), 'search') }, JSON_BODY, options);
  }

  async getProvider(params, options) {
    return this.#send('getProvider', { provider: field(plain(params), 'provider') }, JSON_BODY, options);
  }

  async getProviderTemplates(params, options) {
    return this.#send('getProviderTemplates', { provider: field(plain(params), 'provider') }, JSON_BODY, options);
  }

  async getScriptsConfig(format, options) {
    return this.#send('getScriptsConfig', { format }, JSON_BODY, options);
  }

  async getEnvironmentVariables(options) {
    return this.#send('getEnvironmentVariables', {}, LIST, options);
  }

  // Records

  async listRecords(config, options) {
    return this.#send('listRecords', recordArgs(config), JSON_BODY, options);
  }

  recordsIterator(config, options) {
    const args = recordArgs(config);
    const core = this.#core;
    core.exchange('listRecords', args, options).free(); // bad input is refused now
    let finished = false;
    // The cursors followed so far: one the server sent before ends the iterator
    // (after the page that carried it) with a `pagination_loop` error instead of
    // paging forever.
    const trail = new Cursors();
    let failure;
    // One page ahead: page n+1 is asked for as soon as page n has come (its cursor is
    // known) and fetched while the caller reads page n; at most two pages are held.
    let ahead;
    const fetchPage = (cursor) => {
      const page = execute(core.exchange('listRecords', cursor === undefined ? args : { ...args, cursor }, options), JSON_BODY, false);
      page.catch(() => {}); // awaited by the next call; not an unhandled rejection meanwhile
      return page;
    };
    return items(async () => {
      if (finished) return undefined;
      try {
        if (failure) throw failure;
        const page = await (ahead ?? fetchPage(undefined));
        ahead = undefined;
        try {
          const cursor = trail.follow(typeof page?.next_cursor === 'string' ? page.next_cursor : undefined);
          finished = cursor === undefined;
          if (!finished) ahead = fetchPage(cursor);
        } catch (e) {
          failure = e;
        }
        return Array.isArray(page?.records) ? page.records : undefined;
      } catch (e) {
        finished = true;
        throw e;
      } finally {
        if (finished) trail.free();
      }
    });
  }

  async pruneRecords(config, options) {
    const c = plain(config);
    const args = {
      providerConfigKey: field(c, 'providerConfigKey'),
      connectionId: field(c, 'connectionId'),
      model: field(c, 'model'),
      untilCursor: field(c, 'untilCursor'),
      variant: field(c, 'variant'),
      limit: c.limit,
    };
    return this.#send('pruneRecords', args, JSON_BODY, options);
  }

  // The proxy

  async proxy(config, options) {
    return this.#proxy(config, undefined, options);
  }

  async get(config, options) {
    return this.#proxy(config, 'GET', options);
  }

  async post(config, options) {
    return this.#proxy(config, 'POST', options);
  }

  async put(config, options) {
    return this.#proxy(config, 'PUT', options);
  }

  async patch(config, options) {
    return this.#proxy(config, 'PATCH', options);
  }

  async delete(config, options) {
    return this.#proxy(config, 'DELETE', options);
  }

  #proxy(config, method, options) {
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
    const args = {
      method: method ?? field(c, 'method') ?? 'GET',
      endpoint: field(c, 'endpoint'),
      providerConfigKey: field(c, 'providerConfigKey'),
      connectionId: field(c, 'connectionId'),
      headers: pairs(c.headers),
      query: typeof c.params === 'string' ? c.params : undefined,
      params: pairs(c.params),
      baseUrlOverride: field(c, 'baseUrlOverride'),
      retries: c.retries,
      decompress: c.decompress === 'true' || c.decompress,
      retryOn,
      forwardHeadersOnRedirect: c.forwardHeadersOnRedirect,
      data: bytes,
      json: body,
    };
    const type = RESPONSE_TYPES.includes(c.responseType) ? c.responseType : 'json';
    return this.#send('proxy', args, `${PROXY}:${type}`, options);
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
