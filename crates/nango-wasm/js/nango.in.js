// The `Nango` class: the methods of the official @nangohq/node SDK, under the same
// names, with the same positional arguments. Each method only reads its arguments
// (objects, options, deprecated forms) into one object of strings, numbers and
// JSON text, named as the caller knows them; the Rust core (`Core.exchange`, one
// `Op` per method, named after it) builds and checks the request, and `execute`
// (shim.js) sends it with the core's retry decisions and returns the answer in
// the method's shape. Bad input is refused with a
// `NangoError` of kind `invalid_input` and nothing is sent.
//
// This file is the class's hand-written half: `cargo xtask gen` writes the methods
// of the operation table (crates/nango-core/operations/) in place of the
// `// @operations` line below, into js/nango.gen.js, which the package bundles.
// The module helpers here are what those methods call.
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

/** The arguments of `'setMetadata'` and `'updateMetadata'`. */
function metadataArgs(providerConfigKey, connectionId, metadata) {
  const body = metadata === undefined || metadata === null ? undefined : json(metadata);
  return { providerConfigKey, connectionId: connectionIds(connectionId), metadata: body };
}

/** The arguments of `'getFunction'`, `'getFunctionCode'` and `'deleteFunction'`. */
function functionArgs(params, queries) {
  const p = plain(params);
  return { uniqueKey: field(p, 'uniqueKey'), name: field(p, 'name'), type: field(plain(queries), 'type') };
}

/** The arguments of `'createSyncVariant'` and `'deleteSyncVariant'`. */
function variantArgs(props) {
  const p = plain(props);
  return {
    provider_config_key: field(p, 'provider_config_key'),
    connection_id: field(p, 'connection_id'),
    name: field(p, 'name'),
    variant: field(p, 'variant'),
  };
}

/**
 * The arguments of `'proxy'` and the answer's shape for a proxy `config`, sent with
 * `method` (`undefined`: the config's own, else `GET`). A non-object `config` (a
 * function...) reads as `{}`; `data` is read through the prototype chain.
 */
function proxyArgs(config, method) {
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
  return [args, `proxy:${type}`];
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

  // @operations

  // Webhooks (local checks, not operations)

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
