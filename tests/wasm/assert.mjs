// Assertions and helpers shared by the suites every runtime runs (scenario.mjs,
// faults.mjs, bad-input.mjs): only what all runtimes have (no node: modules).

export class AssertionError extends Error {}

export function fail(message) {
  throw new AssertionError(message);
}

export function ok(value, message = 'expected a truthy value') {
  if (!value) fail(message);
}

export function eq(actual, expected, message = '') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${message ? message + ': ' : ''}expected ${e}, got ${a}`);
}

/** JSON with object keys sorted, to compare values whatever their key order. */
export function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  }
  return value;
}

export async function rejects(promise, check) {
  try {
    await promise;
  } catch (e) {
    check(e);
    return e;
  }
  fail('expected a rejection');
}

export function throws(f, check) {
  try {
    f();
  } catch (e) {
    check(e);
    return e;
  }
  fail('expected an exception');
}

/**
 * A caller of the local server's admin API (`/_admin/...`) at `host`, which needs the
 * server's API key. The admin API answers no cross-origin page: a browser page calls it
 * through its own origin (`host` is then the page's origin, which relays the call).
 */
export function adminApi(host, apiKey) {
  return async (method, path, body) => {
    const headers = { authorization: `Bearer ${apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${host}/_admin/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) fail(`admin ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}
