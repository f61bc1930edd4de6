// The fault suite: the built package against the local Nango server's fault
// injection (`/_admin/faults`): 429 storms, 503 bursts, dropped connections,
// answers slower than the timeout, truncated and malformed bodies, 10 MB action
// outputs and a long record stream. Every failure is a `NangoError` of the right
// kind, a non-idempotent request (a connect session, an action trigger) is never
// sent twice (the server's request record, `/_admin/requests`, proves it), retries
// stop at their bounds, and streaming 1,000,000 records keeps memory flat. The
// JavaScript side of tests/native/tests/faults.rs and streaming_memory.rs.
//
// Sends are counted twice: by the package (a counting `fetch` option around the
// global one: what the package asked for) and by the server's request record.
//
// `cases({ Nango, NangoError, host, apiKey, million, resends })` returns
// `[{ name, run }]`, as scenario.mjs. `million: true` (the Node runner) streams
// 1,000,000 records and samples the RSS; other runtimes stream 50,000 and do not
// measure memory. `resends: true` (Deno) says the runtime's own fetch sends a
// request again, a POST too, when the connection closes before the answer (a
// dropped or truncated one): there the server may record up to twice what the
// package sent; everywhere else both counts must be equal.
import { ok, eq, rejects, adminApi } from './assert.mjs';

const RATE = '{"error":{"code":"too_many_request","message":"Too many requests"}}';

export function cases({ Nango, NangoError, host, apiKey, adminHost, million = false, resends = false }) {
  const admin = adminApi(adminHost ?? host, apiKey);
  const fault = (f) => admin('POST', 'faults', f);
  const clear = async () => {
    await admin('DELETE', 'faults');
    await admin('DELETE', 'requests');
    sends = [];
  };
  /** The package's sends, as `METHOD /path`, since the last clear. */
  let sends = [];
  const counting = (url, init) => {
    sends.push(`${init.method} ${new URL(url).pathname}`);
    return fetch(url, init);
  };
  const server = async (method, path) => {
    const { requests } = await admin('GET', 'requests');
    return requests.filter((r) => r.method === method && r.path === path).length;
  };
  /**
   * Checks that the package sent `method path` `n` times since the last clear, and
   * the server received as many. With `closed` (the connection closed before the
   * answer) in a runtime that `resends`, the runtime's own resends may be answered
   * in the package's stead: the package sends at most `n`, the server records
   * between that and twice it.
   */
  const expectSent = async (method, path, n, message = '', { closed = false } = {}) => {
    const sent = sends.filter((s) => s === `${method} ${path}`).length;
    const received = await server(method, path);
    const what = `${method} ${path}${message ? ' (' + message + ')' : ''}`;
    if (resends && closed) {
      ok(sent >= 1 && sent <= n, `${what}: the package sent ${sent}, at most ${n}`);
      ok(received >= sent && received <= 2 * sent, `${what}: the server received ${received} for the package's ${sent}`);
    } else {
      eq(sent, n, `${what}: sent by the package`);
      eq(received, n, `${what}: received by the server`);
    }
    return sent;
  };
  const executions = async (action) => {
    const { executions } = await admin('GET', 'actions');
    return executions.filter((e) => e.integration === 'github' && e.action === action).reduce((n, e) => n + e.count, 0);
  };
  const isNangoError = (e, kind) => {
    ok(e instanceof NangoError, `not a NangoError: ${e && e.stack ? e.stack : e}`);
    ok(e instanceof Error, 'a NangoError is an Error');
    eq(e.name, 'NangoError');
    if (kind) eq(e.kind, kind, `kind of "${e.message}"`);
  };
  const fast = (extra = {}) => ({ maxAttempts: 4, initialBackoffMs: 5, maxBackoffMs: 20, maxRetryAfterMs: 2000, ...extra });
  const client = (retry, timeoutMs = 5000) => new Nango({ apiKey, host, retry, timeoutMs, fetch: counting });
  const session = { tags: { end_user_id: 'u-faults' } };
  const p = 'github';
  const c = 'demo-github';
  const elapsed = (started) => Date.now() - started;

  return [
    {
      name: 'faults: setup (reset the server, no rate limit)',
      async run() {
        await admin('POST', 'reset');
        await admin('POST', 'rate-limit', { per_minute: 1000000 });
        await clear();
        ok((await client(false).getConnection(p, c)).connection_id === c, 'the demo connection');
      },
    },
    {
      name: 'faults: a 429 storm is ridden out for reads and writes, and stops at maxAttempts',
      async run() {
        await clear();
        const nango = client(fast());
        await fault({ method: 'GET', path: '/connections', kind: 'status', status: 429, body: RATE, times: 3 });
        ok(Array.isArray((await nango.listConnections()).connections), 'answered after the storm');
        await expectSent('GET', '/connections', 4, 'three 429s, then the answer');

        // a 429 means the server did not act: even a POST is retried
        await clear();
        await fault({ path: '/connect/sessions', kind: 'status', status: 429, body: RATE, times: 2 });
        ok((await nango.createConnectSession(session)).data.token, 'a session after the 429s');
        await expectSent('POST', '/connect/sessions', 3, 'a POST refused with 429 is sent again');

        // a storm longer than the attempts allow ends in the typed 429
        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'status', status: 429, body: RATE, times: 10 });
        await rejects(nango.listConnections(), (e) => {
          isNangoError(e, 'api');
          eq([e.status, e.code], [429, 'too_many_request']);
        });
        await expectSent('GET', '/connections', 4, 'stops at maxAttempts');
        await clear();
      },
    },
    {
      name: 'faults: the real rate limiter: a Retry-After beyond maxRetryAfterMs is reported, not waited for',
      async run() {
        await clear();
        await admin('POST', 'rate-limit', { per_minute: 3 });
        try {
          // Any wait (the Retry-After, about a minute here, or maxRetryAfterMs) would
          // take 10 s or more; reporting takes one round trip. The bound between them
          // leaves seconds either way for a loaded machine.
          const nango = client(fast({ maxRetryAfterMs: 10000 }));
          for (let i = 0; i < 3; i++) await nango.listConnections();
          const started = Date.now();
          await rejects(nango.listConnections(), (e) => {
            isNangoError(e, 'api');
            eq([e.status, e.code], [429, 'too_many_request']);
            ok(e.retryAfter > 10, `Retry-After in seconds, longer than maxRetryAfterMs (${e.retryAfter})`);
            ok(e.response.headers['x-ratelimit-limit'] !== undefined, 'the rate-limit headers are kept');
          });
          ok(elapsed(started) < 10000, `not waited for (${elapsed(started)} ms)`);
          await expectSent('GET', '/connections', 4, 'sent once, then reported');
        } finally {
          await admin('POST', 'rate-limit', { per_minute: 1000000 });
        }
        await clear();
      },
    },
    {
      name: 'faults: a 503 burst is retried for a GET; an action trigger and a connect session are never sent twice',
      async run() {
        await clear();
        const nango = client(fast());
        await fault({ method: 'GET', path: `/connections/${c}`, kind: 'status', status: 503, body: '', times: 2 });
        eq((await nango.getConnection(p, c)).connection_id, c);
        await expectSent('GET', `/connections/${c}`, 3, 'two 503s, then the answer');

        await clear();
        const before = await executions('echo');
        await fault({ path: '/action/trigger', kind: 'status', status: 503, body: '', times: 5 });
        await rejects(nango.triggerAction(p, c, 'echo', { x: 1 }), (e) => {
          isNangoError(e, 'api');
          eq(e.status, 503);
        });
        await expectSent('POST', '/action/trigger', 1, 'an action trigger is never sent twice');
        eq(await executions('echo'), before, 'the action did not run');

        await clear();
        await fault({ path: '/connect/sessions', kind: 'status', status: 502, body: '<html>bad gateway</html>', times: 1 });
        await rejects(nango.createConnectSession(session), (e) => {
          isNangoError(e, 'api');
          eq([e.status, e.body], [502, '<html>bad gateway</html>']);
        });
        await expectSent('POST', '/connect/sessions', 1, 'a connect session is never sent twice');

        await clear();
        await fault({ path: '/action/trigger', kind: 'status', status: 503, body: '', times: 1 });
        const opted = client(fast({ retryNonIdempotent: true }));
        eq(await opted.triggerAction(p, c, 'echo', { x: 2 }), { x: 2 }, 'retryNonIdempotent opts in');
        await expectSent('POST', '/action/trigger', 2, 'sent again only when asked');
        await clear();
      },
    },
    {
      name: 'faults: retries stop at their bounds (attempts, deadline, disabled)',
      async run() {
        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'status', status: 500, body: '' });
        await rejects(client(fast({ maxAttempts: 3 })).listConnections(), (e) => {
          isNangoError(e, 'api');
          eq(e.status, 500);
        });
        await expectSent('GET', '/connections', 3, 'maxAttempts: 3');

        await admin('DELETE', 'requests');
        sends = [];
        // Without the deadline, 100 attempts 100 ms apart take 10 s or more; with it,
        // about 1 s. The bound between them leaves seconds either way for a loaded
        // machine, and the first answer has 900 ms to come back for a second attempt.
        const deadline = client({ maxAttempts: 100, initialBackoffMs: 100, maxBackoffMs: 100, deadlineMs: 1000 });
        const started = Date.now();
        await rejects(deadline.listConnections(), (e) => isNangoError(e));
        ok(elapsed(started) < 5000, `the overall deadline holds (${elapsed(started)} ms)`);
        const sent = sends.length;
        // The last send can be cut by the deadline before its request reaches
        // the server (the fetch is aborted), so the server may have one fewer.
        const received = await server('GET', '/connections');
        ok(received === sent || received === sent - 1, `the server received what the package sent: ${received} of ${sent}`);
        ok(sent >= 2 && sent < 100, `stopped by the deadline, not the attempts: ${sent}`);

        await admin('DELETE', 'requests');
        sends = [];
        await rejects(client(false).listConnections(), (e) => isNangoError(e, 'api'));
        await expectSent('GET', '/connections', 1, 'retry: false sends once');
        await clear();
      },
    },
    {
      name: 'faults: dropped connections: a GET is retried, a POST whose answer was lost is not resent',
      async run() {
        await clear();
        const nango = client(fast());
        await fault({ method: 'GET', path: '/connections', kind: 'drop', times: 2 });
        ok(Array.isArray((await nango.listConnections()).connections), 'answered after two drops');
        await expectSent('GET', '/connections', 3, 'two drops, then the answer', { closed: true });

        await clear();
        await fault({ path: '/connect/sessions', kind: 'drop', times: 3 });
        await rejects(nango.createConnectSession(session), (e) => isNangoError(e, 'transport'));
        await expectSent('POST', '/connect/sessions', 1, 'a connect session is not resent', { closed: true });

        await clear();
        await fault({ path: '/action/trigger', kind: 'drop', times: 3 });
        await rejects(nango.triggerAction(p, c, 'echo', { x: 1 }), (e) => isNangoError(e, 'transport'));
        await expectSent('POST', '/action/trigger', 1, 'an action trigger is not resent', { closed: true });

        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'drop' });
        await rejects(client(fast({ maxAttempts: 3 })).listConnections(), (e) => isNangoError(e, 'transport'));
        await expectSent('GET', '/connections', 3, 'drops forever: stops at maxAttempts', { closed: true });
        await clear();
      },
    },
    {
      name: 'faults: answers slower than the timeout are kind timeout; only idempotent ones are retried',
      async run() {
        // The answers come 10 s late and the client gives up at 1 s: the bound between
        // them leaves seconds either way for a loaded machine, and the retry after the
        // timeout has a whole second to be answered. (The server drops a delayed request
        // whose client has gone: the late trigger below never runs the action.)
        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'delay', ms: 10000, times: 1 });
        const started = Date.now();
        await rejects(client(false, 1000).listConnections(), (e) => isNangoError(e, 'timeout'));
        ok(elapsed(started) < 5000, `gave up at the timeout (${elapsed(started)} ms)`);

        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'delay', ms: 10000, times: 1 });
        ok((await client(fast(), 1000).listConnections()).connections, 'the retry after the timeout succeeds');
        await expectSent('GET', '/connections', 2, '');

        await clear();
        await fault({ path: '/action/trigger', kind: 'delay', ms: 10000, times: 3 });
        await rejects(client(fast(), 1000).triggerAction(p, c, 'echo', { x: 1 }), (e) => isNangoError(e, 'timeout'));
        await expectSent('POST', '/action/trigger', 1, 'a timed-out action trigger is not resent');
        await clear();
      },
    },
    {
      name: 'faults: truncated bodies are kind transport, malformed ones kind decode',
      async run() {
        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'truncate', times: resends ? 2 : 1 });
        await rejects(client(false).listConnections(), (e) => isNangoError(e, 'transport'));
        await expectSent('GET', '/connections', 1, '', { closed: true });

        // idempotent: with retries on, the truncated answer is fetched again
        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'truncate', times: 1 });
        ok((await client(fast()).listConnections()).connections, 'fetched again');
        await expectSent('GET', '/connections', 2, '', { closed: true });

        await clear();
        await fault({ path: '/action/trigger', kind: 'truncate', times: 3 });
        await rejects(client(fast()).triggerAction(p, c, 'echo', { x: 1 }), (e) => isNangoError(e, 'transport'));
        await expectSent('POST', '/action/trigger', 1, 'a truncated action answer is not fetched again', { closed: true });

        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'malformed', times: 1 });
        await rejects(client(fast()).listConnections(), (e) => {
          isNangoError(e, 'decode');
          eq(e.status, 200);
          ok(typeof e.body === 'string' && e.body.length > 0, 'the raw body is kept');
        });
        await expectSent('GET', '/connections', 1, 'a malformed answer is not retried');

        await clear();
        await fault({ path: '/connect/sessions', kind: 'malformed', times: 1 });
        await rejects(client(fast()).createConnectSession(session), (e) => isNangoError(e, 'decode'));
        await expectSent('POST', '/connect/sessions', 1, '');
        await clear();
      },
    },
    {
      name: 'faults: a 10 MB action output arrives whole; over 10 MB is the server\'s 400',
      async run() {
        await clear();
        const before = await executions('big');
        const nango = client(fast(), 60000);
        const out = await nango.triggerAction(p, c, 'big', { bytes: 10000000 });
        const data = typeof out === 'string' ? out : out.data;
        ok(typeof data === 'string', `the output's data is a string (${typeof data})`);
        ok(data.length > 9900000 && data.length <= 10000000, `all of it: ${data.length}`);
        await rejects(nango.triggerAction(p, c, 'big', { bytes: 10500000 }), (e) => {
          isNangoError(e, 'api');
          eq(e.status, 400, `over 10 MB is refused by the server: ${e.message}`);
        });
        eq(await executions('big'), before + 2, 'each run once');
        await expectSent('POST', '/action/trigger', 2, 'each sent once');
        await clear();
      },
    },
    {
      name: million
        ? 'faults: 1,000,000 records stream in pages of 10,000 with flat memory'
        : 'faults: 50,000 records stream in pages of 10,000',
      async run() {
        const total = million ? 1000000 : 50000;
        const model = million ? 'Million' : 'Fifty';
        await clear();
        const added = await admin('POST', 'records', { provider_config_key: p, connection_id: c, model, generate: total });
        eq(added.total, total, 'generated');
        const nango = client(fast(), 60000);
        const rss = () => globalThis.process.memoryUsage().rss;
        const samples = [];
        let n = 0;
        let last;
        for await (const record of nango.recordsIterator({ providerConfigKey: p, connectionId: c, model, limit: 10000 })) {
          ok(record._nango_metadata, 'a record with its metadata');
          n++;
          last = record;
          if (million && n % 100000 === 0) {
            globalThis.gc?.();
            samples.push(rss());
          }
        }
        eq(n, total, 'every record, once');
        ok(last && last.id !== undefined, 'the records are the generated ones');
        const { requests } = await admin('GET', 'requests');
        const pages = requests.filter((r) => r.method === 'GET' && r.path.startsWith('/records')).length;
        ok(pages === total / 10000 || pages === total / 10000 + 1, `one request per page of 10,000: ${pages}`);
        if (million) {
          // after the first pages (allocator and JIT warm-up), the RSS stays flat
          const settled = samples.slice(1);
          const growth = Math.max(...settled) - settled[0];
          const mb = (b) => Math.round(b / 1e6);
          ok(growth < 64e6, `RSS grew by ${mb(growth)} MB while streaming (samples: ${samples.map(mb).join(', ')} MB)`);
        }
        await clear();
      },
    },
    {
      name: "faults: a call's own { timeoutMs, retry } replaces the client's, for that call only",
      async run() {
        // The client retries 4 times and waits 60 s; each call below says otherwise.
        const nango = new Nango({ apiKey, host, retry: fast(), timeoutMs: 60000, fetch: counting });
        await clear();
        await fault({ method: 'GET', path: '/connections', kind: 'status', status: 500, body: '', times: 10 });
        await rejects(nango.listConnections({}, { retry: false }), (e) => isNangoError(e, 'api'));
        await expectSent('GET', '/connections', 1, 'retry: false for this call');
        await rejects(nango.listConnections(undefined, undefined, undefined, { retry: fast({ maxAttempts: 2 }) }), (e) =>
          isNangoError(e, 'api'),
        );
        await expectSent('GET', '/connections', 3, 'the legacy form: two more, as this call allows');

        // A call's timeout, with the client's retries still in force for it.
        await clear();
        await fault({ method: 'GET', path: `/connections/${c}`, kind: 'delay', ms: 10000, times: 1 });
        const conn = await nango.getConnection(p, c, undefined, undefined, undefined, { timeoutMs: 1000 });
        eq(conn.connection_id, c, 'answered by the retry after the timed-out attempt');
        await expectSent('GET', `/connections/${c}`, 2, 'one timed out at the call\'s 1 s, one answered');

        // An action trigger is sent again after a 503 only when the call opts in.
        await clear();
        await fault({ path: '/action/trigger', kind: 'status', status: 503, body: '', times: 1 });
        eq(await nango.triggerAction(p, c, 'echo', { x: 3 }, { retry: fast({ retryNonIdempotent: true }) }), { x: 3 });
        await expectSent('POST', '/action/trigger', 2, 'retryNonIdempotent for this call');

        // Iterators apply them to every page; the proxy takes them after its config.
        await clear();
        await fault({ method: 'GET', path: '/records', kind: 'status', status: 500, body: '', times: 10 });
        const records = nango.recordsIterator({ providerConfigKey: p, connectionId: c, model: 'Item' }, { retry: false });
        await rejects(records.next(), (e) => isNangoError(e, 'api'));
        await expectSent('GET', '/records/', 1, 'a page of the iterator, not retried');
        await clear();
        await fault({ method: 'GET', path: '/proxy/user', kind: 'status', status: 500, body: '', times: 10 });
        await rejects(nango.get({ endpoint: '/user', providerConfigKey: p, connectionId: c }, { retry: false }), (e) =>
          isNangoError(e, 'api'),
        );
        await expectSent('GET', '/proxy/user', 1, 'the proxy, not retried');

        // Wrong call options are refused before anything is sent.
        await clear();
        for (const [options, name] of [
          ['fast', 'options'],
          [{ timeoutMs: 'soon' }, 'timeoutMs'],
          [{ retry: 3 }, 'retry'],
        ]) {
          await rejects(nango.getMetadata(p, c, options), (e) => {
            isNangoError(e, 'invalid_input');
            ok(e.message.includes(name), `names ${name}: ${e.message}`);
          });
        }
        eq(sends.length, 0, 'nothing sent');
        await clear();
      },
    },
    {
      name: 'faults: after all faults the client still works (no poisoned state)',
      async run() {
        await clear();
        const nango = client(fast());
        eq((await nango.getConnection(p, c)).connection_id, c);
        ok((await nango.triggerAction(p, c, 'echo', { ok: true })).ok, 'echo');
        await admin('POST', 'reset');
      },
    },
  ];
}
