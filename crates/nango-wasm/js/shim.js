// The few things the Rust side needs from the JavaScript host, written once in
// plain JS: `fetch` with a timeout, `setTimeout`, the error class, and the
// async-iterator adapter. Only globals every target has (Workers, Deno, Node 20+,
// browsers) are used; nothing from Node's standard library.

/** The error every `Nango` method throws (or rejects with). */
export class NangoError extends Error {
  constructor(kind, message, details) {
    super(message);
    this.name = 'NangoError';
    /** 'invalid_input' | 'transport' | 'timeout' | 'api' | 'decode' | 'cancelled' | 'webhook' */
    this.kind = kind;
    this.status = undefined;
    this.code = undefined;
    this.errors = undefined;
    this.retryAfter = undefined;
    this.body = undefined;
    this.payload = undefined;
    if (details) Object.assign(this, details);
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
}

/** Builds a `NangoError` (called from Rust; `details` is an object of extra fields, or undefined). */
export function makeError(kind, message, details) {
  return new NangoError(kind, message, details);
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
 * `headers` is a flat [name, value, name, value...] list. Never throws: a failure
 * comes back as `{ error: kind, message }`.
 */
export async function send(f, url, method, headers, body, timeoutMs) {
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
    const init = { method, headers: pairs };
    if (controller) init.signal = controller.signal;
    if (body !== undefined) init.body = body;
    const res = await (typeof f === 'function' ? f(url, init) : fetch(url, init));
    during = 'body';
    const bytes = new Uint8Array(await res.arrayBuffer());
    const flat = [];
    res.headers.forEach((value, name) => flat.push(name, value));
    return { status: res.status, headers: flat, body: bytes };
  } catch (e) {
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

/**
 * An async iterator over the items of the pages a pager yields: `pager.next()`
 * resolves to an array (one page) or `undefined` (no more pages). One page is held
 * at a time; the pager is freed when the iteration ends or is broken off.
 */
export function items(pager) {
  let page = [];
  let i = 0;
  let done = false;
  const finish = () => {
    if (!done) {
      done = true;
      pager.free();
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (i >= page.length) {
        if (done) return { done: true, value: undefined };
        let next;
        try {
          next = await pager.next();
        } catch (e) {
          finish();
          throw e;
        }
        if (next === undefined) {
          finish();
          continue;
        }
        page = next;
        i = 0;
      }
      return { done: false, value: page[i++] };
    },
    async return(value) {
      finish();
      page = [];
      return { done: true, value };
    },
  };
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

