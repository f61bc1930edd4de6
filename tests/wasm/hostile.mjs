// The trust suite: the built package against a hostile server (tests/hostile,
// `nango-hostile-server`) in every runtime. The proxy never leaves /proxy/ (dot
// segments in any spelling are refused and nothing is sent), no secret reaches a
// text the package produces (String(e), e.message, e.stack, JSON.stringify(e), the
// error's own enumerable fields), every answer is bounded while it is read (a
// `too_large` NangoError), a records cursor that cycles ends the iterator, and a
// redirect is never followed. The JavaScript side of tests/native/tests/hostile.rs.
//
// `cases({ Nango, NangoError, hostile, browser })` returns `[{ name, run }]`;
// `hostile` is the hostile server's URL; `browser: true` says redirects come back
// as opaque (status 0) answers.
import { ok, eq, rejects } from './assert.mjs';

/** The key (any is accepted) and a signing key: long enough to be redacted. */
const KEY = 'a3f1c2d4-1111-4222-8333-444455556666';
const SIGNING_KEY = 'whsec-hostile-signing-key-0123456789';
/** The credential the hostile server plants (tests/hostile/src/lib.rs). */
const CREDENTIAL = 'ghp_plantedCredential0123456789abcdefXYZ';

export function cases({ Nango, NangoError, hostile, browser = false }) {
  const nango = (options = {}) =>
    new Nango({ apiKey: KEY, webhookSigningKey: SIGNING_KEY, host: hostile, retry: false, ...options });
  const received = async () => {
    const res = await fetch(`${hostile}/_hostile/requests`);
    return (await res.json()).requests.map((r) => `${r.method} ${r.path}`);
  };
  const clear = () => fetch(`${hostile}/_hostile/requests`, { method: 'DELETE' }).then((r) => r.text());
  const proxy = (client, endpoint) => client.get({ endpoint, providerConfigKey: 'p', connectionId: 'c' });

  /** Every text a log or a bug report would show of `e`. */
  const rendered = (e) => [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    JSON.stringify(Object.fromEntries(Object.entries(e))),
  ];
  const clean = (what, text, secrets = [KEY, SIGNING_KEY, CREDENTIAL]) => {
    for (const s of secrets) ok(!String(text).includes(s), `${what} shows a secret: ${text}`);
  };

  return [
    {
      name: 'hostile: a proxy endpoint with dot segments is refused, nothing is sent',
      async run() {
        await clear();
        const client = nango();
        for (const endpoint of [
          '/../../connections/victim',
          '../connections/victim',
          '/a/../../connections/victim',
          '/%2e%2e/connections/victim',
          '/%2E%2E/connections/victim',
          '/.%2e/connections/victim',
          '/%2e./connections/victim',
          '/./x',
          '/x/..?q=1',
          '/%252e%252e/connections/victim',
          '/a/%2e%2E/%2E%2e/connections/victim',
        ]) {
          await rejects(proxy(client, endpoint), (e) => {
            ok(e instanceof NangoError, `${endpoint}: a NangoError`);
            eq(e.kind, 'invalid_input', endpoint);
            ok(e.message.includes('endpoint'), `${endpoint}: names the argument: ${e.message}`);
          });
        }
        eq(await received(), [], 'nothing was sent');
        // What only looks like a dot stays under /proxy/; a host prefix is kept.
        const prefixed = nango({ host: `${hostile}/nango` });
        for (const [endpoint, path] of [
          ['/...', '/nango/proxy/...'],
          ['/a..b/.x', '/nango/proxy/a..b/.x'],
          ['/a\\..\\b', '/nango/proxy/a%5C..%5Cb'],
          ['/.\t.', '/nango/proxy/.%09.'],
        ]) {
          const res = await proxy(prefixed, endpoint);
          eq(res.status, 200, endpoint);
          const sent = await received();
          eq(sent[sent.length - 1], `GET ${path}`, endpoint);
        }
        // Ids: dots refused, encoded dots sent as literal text.
        await rejects(client.getConnection('github', '..'), (e) => eq(e.kind, 'invalid_input'));
        await client.getConnection('github', '%2e%2e').catch(() => {});
        const sent = await received();
        ok(sent[sent.length - 1].startsWith('GET /connections/%252e%252e?'), sent[sent.length - 1]);
      },
    },
    {
      name: 'hostile: no secret in any text of an error, whatever the server echoes',
      async run() {
        const client = nango();
        for (const mode of ['echo-message', 'echo-errors', 'echo-payload', 'echo-header', 'non-json', 'non-json-200']) {
          const e = await rejects(client.getConnection('github', mode), (e) => ok(e instanceof NangoError, mode));
          for (const text of rendered(e)) clean(mode, text);
          // What the server sent stays readable on request, the client's secrets redacted.
          for (const text of [e.body, JSON.stringify(e.response?.data), JSON.stringify(e.headers), JSON.stringify(e.payload), JSON.stringify(e.errors)]) {
            clean(mode, text ?? '', [KEY, SIGNING_KEY]);
          }
          if (mode !== 'echo-header') ok(e.unredactedBody().includes(KEY), `${mode}: the raw body on request`);
          if (mode === 'echo-message') eq(e.message, 'The secret key is invalid: Bearer [redacted]');
          if (mode === 'echo-header') ok(e.headers['x-echo'].includes('[redacted]'), JSON.stringify(e.headers));
          if (mode === 'non-json-200') eq(e.kind, 'decode');
        }
      },
    },
    {
      name: 'hostile: answers are bounded while they are read (too_large)',
      async run() {
        // An endless body without Content-Length, at the default limit (32 MiB).
        await rejects(nango().listProviders(), (e) => eq(e.kind, 'too_large', e.message));
        const small = nango({ maxResponseBytes: 1000, maxProxyResponseBytes: 5000 });
        await rejects(small.getProvider({ provider: 'big-1001' }), (e) => eq(e.kind, 'too_large'));
        eq((await proxy(small, '/big-5000')).data.length, 5000);
        await rejects(proxy(small, '/big-5001'), (e) => eq(e.kind, 'too_large'));
        // A gzip bomb: counted after the runtime inflated it.
        await rejects(proxy(small, '/bomb-10000000'), (e) => eq(e.kind, 'too_large'));
        const unlimited = nango({ maxProxyResponseBytes: null });
        eq((await proxy(unlimited, '/big-100000')).data.length, 100000);
      },
    },
    {
      name: 'hostile: a records cursor seen before ends the iterator (pagination_loop)',
      async run() {
        await clear();
        const got = [];
        const iterate = async () => {
          for await (const r of nango().recordsIterator({ providerConfigKey: 'p', connectionId: 'c', model: 'Cycle' })) got.push(r.id);
        };
        await rejects(iterate(), (e) => eq(e.kind, 'pagination_loop', e.message));
        eq(got, ['', 'A', 'B'], 'three pages, then the error');
        eq((await received()).length, 3, 'three requests');
      },
    },
    {
      name: 'hostile: the same page of connections twice ends the iterator (pagination_loop)',
      async run() {
        const got = [];
        const iterate = async () => {
          for await (const c of nango().connectionsIterator({ limit: 2 })) got.push(c.connection_id);
        };
        await rejects(iterate(), (e) => eq(e.kind, 'pagination_loop', e.message));
        eq(got, ['c0', 'c1', 'c0', 'c1'], 'two pages of two, then the error');
      },
    },
    {
      name: 'hostile: a redirect is never followed (an error from the API, the answer from the proxy)',
      async run() {
        await clear();
        const client = nango();
        await rejects(client.getConnection('github', 'redirect'), (e) => {
          eq(e.kind, 'api');
          eq(e.status, browser ? 0 : 302);
        });
        const res = await proxy(client, '/redirect');
        if (browser) eq(res.status, 0, 'an opaque redirect');
        else {
          eq(res.status, 302);
          eq(res.headers.location, '/landing');
        }
        ok(!(await received()).some((r) => r.includes('/landing')), 'the redirect was not followed');
      },
    },
  ];
}

/**
 * Node only: the peak RSS while three endless API answers and a proxied gzip bomb
 * (256 MiB inflated) are refused at the default limits stays within a small multiple
 * of the limit.
 */
export function memory({ Nango, hostile }) {
  return {
    name: 'hostile (RSS): refused answers take a small multiple of the limit',
    async run() {
      const nango = new Nango({ apiKey: KEY, host: hostile, retry: false });
      const base = process.memoryUsage().rss;
      let peak = base;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
      try {
        for (let i = 0; i < 3; i++) await rejects(nango.listProviders(), (e) => eq(e.kind, 'too_large'));
        await rejects(nango.get({ endpoint: '/bomb-268435456', providerConfigKey: 'p', connectionId: 'c' }), (e) => eq(e.kind, 'too_large'));
      } finally {
        clearInterval(timer);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      const grown = (peak - base) / 2 ** 20;
      console.log(`# hostile RSS: peak grew by ${grown.toFixed(1)} MiB (limits 32 MiB API, 128 MiB proxy)`);
      ok(grown < 4 * 128, `peak RSS grew by ${grown.toFixed(1)} MiB`);
    },
  };
}
