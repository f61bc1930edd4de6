// The JavaScript runtime of the package: the error class, and the loop that sends a
// request built by the Rust core (`fetch` with a timeout, retries decided by the
// core between two sends, `setTimeout` for the waits), the shapes answers are
// returned in, the async iterators and the polling waits. Only globals every
// target has (Workers, Deno, Node 20+, browsers) are used; nothing from Node's
// standard library.

/**
 * The error every `Nango` method throws (or rejects with).
 *
 * What the server sent (`body`, `response`, `headers`, `payload`) is kept with
 * the client's own secrets (API key, webhook signing keys) replaced by
 * `[redacted]`, and out of sight: those properties are not enumerable, so
 * `JSON.stringify(e)`, `console.log(e)` and `Object.keys(e)` never show them, and
 * no message quotes a body. The body exactly as received is returned by
 * `unredactedBody()`, for a caller who asks for it.
 */
export class NangoError extends Error {
  // Kept through minification, as `Nango.name` (see js/nango.gen.js): `err.constructor.name`,
  // and Node's `util.inspect(err)` / `console.log(err)`, say `NangoError`.
  static name = 'NangoError';

  #unredacted;

  constructor(kind, message, details) {
    super(message);
    this.name = 'NangoError';
    /** 'invalid_input' | 'transport' | 'timeout' | 'api' | 'decode' | 'cancelled' | 'webhook' | 'too_large' | 'pagination_loop' */
    this.kind = kind;
    this.status = undefined;
    this.code = undefined;
    this.errors = undefined;
    this.retryAfter = undefined;
    for (const name of ['body', 'payload', 'headers', 'response']) {
      Object.defineProperty(this, name, { value: undefined, writable: true, configurable: true, enumerable: false });
    }
    if (details) {
      const { unredacted, ...rest } = details;
      this.#unredacted = unredacted;
      Object.assign(this, rest);
    }
    if (this.status !== undefined) {
      let data = this.body;
      try {
        data = this.body ? JSON.parse(this.body) : undefined;
      } catch {
        // not JSON: keep the text
      }
      // The shape of an axios error, which code written for @nangohq/node reads.
      this.response = { status: this.status, headers: this.headers ?? {}, data };
    }
  }

  /** The body exactly as the server sent it, secrets it echoed included: never log it. */
  unredactedBody() {
    return this.#unredacted ?? this.body;
  }
}

/**
 * Builds a `NangoError` (called from Rust; `details` is an object of extra fields, or
 * undefined). A raw `body` (and `unredacted`, the body before redaction) comes as
 * bytes and is decoded here.
 */
export function makeError(kind, message, details) {
  if (details) {
    for (const key of ['body', 'unredacted']) {
      if (details[key] instanceof Uint8Array) details[key] = new TextDecoder().decode(details[key]);
    }
  }
  return new NangoError(kind, message, details);
}

/** Thrown inside `send` when a body passes its limit. */
const TOO_LARGE = Symbol('too large');

/**
 * The body of `res` as bytes, counted as they arrive (after the runtime decoded
 * any `Content-Encoding`): past `limit` bytes (`-1`: none) the stream is cancelled
 * and `TOO_LARGE` thrown, so a refused answer never holds more than the limit.
 * `exact`: `res` comes from the runtime's own `fetch`, which never gives more body
 * than the `Content-Length` it received.
 */
async function readBody(res, limit, exact) {
  const length = res.headers.get('content-length');
  const declared = length === null ? NaN : Number(length);
  const plain = !res.headers.has('content-encoding');
  if (limit >= 0 && plain && declared > limit) {
    res.body?.cancel().catch(() => {});
    throw TOO_LARGE;
  }
  if (!res.body) return new Uint8Array(0);
  // The runtime's own fetch reads exactly the declared length of a body that is not
  // compressed (the limit counts decoded bytes): within the limit, it is read whole,
  // faster than chunk by chunk (BENCHMARKS.md, "Where a target is missed"). A custom
  // `fetch` may build a Response whose body is longer than it declares: counted.
  if (exact && plain && Number.isSafeInteger(declared) && declared >= 0) {
    return new Uint8Array(await res.arrayBuffer());
  }
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (limit >= 0 && total > limit) {
      reader.cancel().catch(() => {});
      throw TOO_LARGE;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * The transport kind of a failure: `during` is 'fetch' (no response yet) or 'body'
 * (the response broke off while read). fetch rejects only for network failures: a
 * TypeError in the Fetch standard when nothing could be exchanged with the server;
 * anything else (workerd's 'Network connection lost.', a service binding's error)
 * may have reached the server ('interrupted', retried for idempotent requests only).
 */
function errorKind(e, timedOut, during) {
  if (timedOut) return 'timeout';
  if (e && e.name === 'AbortError') return 'aborted';
  if (during === 'body') return 'interrupted';
  if (e instanceof TypeError) return 'connect';
  return 'interrupted';
}

/**
 * Sends one request with `f` (a `fetch`-compatible function) or the global `fetch`.
 * `headers` is a flat [name, value, name, value...] list; `limit` the most bytes
 * of body to read (`-1`: none). Redirects are never followed (the key would go
 * along): a browser answers them as an opaque redirect, reported as status 0 with
 * `opaqueRedirect`. Never throws: a failure comes back as `{ error: kind, message }`.
 */
export async function send(f, url, method, headers, body, timeoutMs, limit = -1) {
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  let timer;
  let timedOut = false;
  if (controller && timeoutMs > 0) {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  }
  let during = 'fetch';
  try {
    const pairs = [];
    for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([headers[i], headers[i + 1]]);
    const init = { method, headers: pairs, redirect: 'manual' };
    if (controller) init.signal = controller.signal;
    if (body !== undefined) init.body = body;
    const res = await (typeof f === 'function' ? f(url, init) : fetch(url, init));
    during = 'body';
    const bytes = await readBody(res, limit, typeof f !== 'function');
    const flat = [];
    res.headers.forEach((value, name) => flat.push(name, value));
    const opaqueRedirect = res.type === 'opaqueredirect';
    return { status: res.status, statusText: res.statusText, headers: flat, body: bytes, opaqueRedirect };
  } catch (e) {
    if (e === TOO_LARGE) return { error: 'too_large', message: `the answer passed the limit of ${limit} bytes` };
    return { error: errorKind(e, timedOut, during), message: String((e && e.message) || e) };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** Resolves after `ms`; rejects with the signal's reason (or 'aborted') when `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Milliseconds from a monotonic clock where there is one. */
export function now() {
  return typeof performance !== 'undefined' && performance.now ? performance.now() : Date.now();
}

const since = (start) => now() - start;

/**
 * Sends the request of `exchange` (a Rust `Exchange`) until it succeeds or the
 * core gives up: each failed attempt is reported to the exchange, which answers a
 * delay in ms (send again after it) or the `NangoError` to throw. Resolves to the
 * answer in `shape`. Frees the exchange unless `keep`.
 */
export async function execute(exchange, shape, keep) {
  try {
    const [url, method, headers, body, f, limit] = exchange.prepare();
    const start = now();
    for (;;) {
      const timeoutMs = exchange.start(since(start));
      const res = await send(f, url, method, headers, body, timeoutMs, limit);
      let next;
      if (res.error) {
        next = exchange.lost(res.error, res.message, timeoutMs, since(start), Math.random());
      } else if (exchange.answered(res.opaqueRedirect ? 302 : res.status)) {
        return shaped(res, shape, exchange);
      } else {
        const headers = headersObject(res.headers, (v) => exchange.redact(v));
        next = exchange.refused(res.status, headers['retry-after'], res.body, since(start), Math.random());
        if (typeof next !== 'number' && next.status !== undefined) {
          next.headers = headers;
          next.response.headers = headers;
        }
      }
      if (typeof next !== 'number') throw next;
      await sleep(next);
    }
  } finally {
    if (!keep) exchange.free();
  }
}

/** The response headers as a plain object (lowercase names, repeated ones joined; each value through `map`). */
function headersObject(flat, map = (v) => v) {
  const out = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [name, value] = [flat[i], map(flat[i + 1])];
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/**
 * The body parsed as JSON (`undefined` when empty), or a `decode` error. The
 * error's message does not quote the body (`JSON.parse`'s own message does), and
 * its `body` has the client's secrets redacted by `exchange`.
 */
function json(res, exchange) {
  const text = new TextDecoder().decode(res.body);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const body = exchange ? exchange.redact(text) : text;
    throw new NangoError('decode', `could not decode the ${res.status} response: the body is not valid JSON`, {
      status: res.status,
      body,
      unredacted: body === text ? undefined : text,
    });
  }
}

/** An axios-like `{ status, statusText, headers, data }`. */
const response = (res, data) => ({ status: res.status, statusText: res.statusText ?? '', headers: headersObject(res.headers), data });

/**
 * The answer in `shape`, named by js/nango.gen.js: `json` (the body), `nothing`,
 * `response` (axios-like), `raw_token`, `metadata`, `configs`, `list`,
 * or `proxy:<responseType>`.
 */
function shaped(res, shape, exchange) {
  switch (shape) {
    case 'nothing':
      return undefined;
    case 'response':
      return response(res, json(res, exchange));
    case 'raw_token':
      return json(res, exchange)?.credentials?.raw;
    case 'metadata':
      return json(res, exchange)?.metadata;
    case 'configs':
      return { configs: json(res, exchange)?.data };
    case 'list':
      return json(res, exchange) ?? [];
    default:
      if (shape.startsWith('proxy:')) return response(res, decodeBody(res.body, shape.slice('proxy:'.length)));
      return json(res, exchange);
  }
}

/**
 * An async iterator over the items of pages: `nextPage()` resolves to the next
 * page's items, or `undefined` after the last page. One page is held at a time.
 */
export function items(nextPage) {
  let page = [];
  let i = 0;
  let done = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (i >= page.length) {
        if (done) return { done: true, value: undefined };
        let next;
        try {
          next = await nextPage();
        } catch (e) {
          done = true;
          throw e;
        }
        if (next === undefined) {
          done = true;
          continue;
        }
        page = next;
        i = 0;
      }
      return { done: false, value: page[i++] };
    },
    async return(value) {
      done = true;
      page = [];
      return { done: true, value };
    },
  };
}

/**
 * `waitForConnection`: lists the end user's connections with `exchange` until one
 * of integration `key` appears; first after `firstDelay` ms, then every `delay` ms,
 * `attempts` lists in all. `signal` (an `AbortSignal`) stops the wait.
 */
export async function waitForConnection(exchange, key, firstDelay, delay, attempts, signal) {
  const aborted = () => new NangoError('cancelled', 'Wait for connection was aborted');
  try {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (signal?.aborted) throw aborted();
      const page = await execute(exchange, 'json', true);
      const found = (page?.connections ?? []).find((c) => c?.provider_config_key === key);
      if (found) return found;
      if (attempt + 1 < attempts) {
        await sleep(attempt === 0 ? firstDelay : delay, signal).catch(() => {
          throw aborted();
        });
      }
    }
    throw new NangoError('timeout', 'Timeout waiting for connection to be created');
  } finally {
    exchange.free();
  }
}

/** `headers[name]` of a `Headers` object or a plain object, any case; arrays give their first item. */
export function header(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) {
      const v = headers[key];
      return Array.isArray(v) ? v[0] : v == null ? undefined : String(v);
    }
  }
  return undefined;
}

/** Decodes a proxied response body as axios would for `responseType`. */
export function decodeBody(bytes, responseType) {
  if (responseType === 'arraybuffer') return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  if (responseType === 'blob' && typeof Blob === 'function') return new Blob([bytes]);
  if (responseType === 'stream' && typeof Response === 'function') return new Response(bytes).body;
  const text = new TextDecoder().decode(bytes);
  if (responseType === 'text') return text;
  if (text.length === 0) return '';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

