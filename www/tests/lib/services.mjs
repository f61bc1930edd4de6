// Everything the apps run against, all on 127.0.0.1: the local Nango server, an
// upstream API for the proxy calls, and the three apps (Worker under wrangler dev,
// the Deno function, the native server).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, kill, onFreePort, start, waitForHttp } from './processes.mjs';

export const WWW = fileURLToPath(new URL('../../', import.meta.url));
export const ROOT = join(WWW, '..');
const BIN = join(WWW, 'node_modules/.bin');

/** The local Nango server (crates/nango-local-server), seeded with the demo data. */
export async function startNango({ logDir }) {
  const exe = process.env.NANGO_LOCAL_SERVER || join(ROOT, 'target/debug/nango-local-server');
  const { match } = await start('nango-local-server', exe, ['--port', '0', '--host', '127.0.0.1', '--seed', 'demo'], {
    logDir,
    firstLine: /listening on (http:\/\/\S+) api_key=(\S+)/,
  });
  const [, host, apiKey] = match;
  const call = async (method, path, body, headers = {}) => {
    const res = await fetch(host + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return data;
  };
  const nango = {
    host,
    apiKey,
    /** The admin API of the local server (it needs the server's API key). */
    admin: (method, path, body) => call(method, `/_admin/${path}`, body, { authorization: `Bearer ${apiKey}` }),
    /** Nango's API, with the secret key (what a backend does). */
    api: (method, path, body) => call(method, path, body, { authorization: `Bearer ${apiKey}` }),
    /** Where the server sends its webhooks. */
    webhookTo: (urls) => call('POST', '/_admin/webhook-url', { urls }, { authorization: `Bearer ${apiKey}` }),
  };
  nango.signingKey = (await nango.admin('GET', 'info')).webhook_signing_key;
  return nango;
}

/**
 * A tiny upstream API standing for the provider: answers every request with
 * what it received (the Authorization header shortened), and remembers them.
 */
export async function startUpstream() {
  const requests = [];
  const server = createServer((req, res) => {
    const authorization = req.headers.authorization || '';
    requests.push({ method: req.method, path: req.url, authorization });
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        login: 'octocat',
        path: req.url,
        method: req.method,
        authorization: authorization ? `${authorization.slice(0, 12)}…` : null,
      }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, requests, close: () => new Promise((r) => server.close(r)) };
}

/** The apps' configuration: what each reads from its environment or bindings. */
function appEnv(nango, upstream) {
  return {
    NANGO_SECRET_KEY: nango.apiKey,
    NANGO_HOST: nango.host,
    NANGO_WEBHOOK_SIGNING_KEY: nango.signingKey,
    PROXY_BASE_URL_OVERRIDE: upstream.url,
  };
}

/** Waits for `url` to answer; on failure stops `proc` (so that a retry starts afresh). */
async function ready(url, proc, timeoutMs) {
  try {
    await waitForHttp(url, { proc, timeoutMs });
  } catch (e) {
    kill(proc);
    throw e;
  }
}

/** The Worker under `wrangler dev` (workerd), its secrets in a temporary .env file. */
export async function startWorker({ nango, upstream, logDir, port = 0 }) {
  const dir = mkdtempSync(join(tmpdir(), 'nango-www-worker-'));
  const envFile = join(dir, '.env');
  const lines = Object.entries(appEnv(nango, upstream)).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  writeFileSync(envFile, lines.join('\n') + '\n');
  // wrangler binds the ports it is given: chosen free here, tried again if taken meanwhile.
  return onFreePort(port, async (port) => {
    const { proc } = await start(
      'worker',
      join(BIN, 'wrangler'),
      [
        'dev',
        '--ip', '127.0.0.1',
        '--port', String(port),
        '--inspector-port', String(await freePort()),
        '--env-file', envFile,
        '--persist-to', join(dir, 'state'),
        '--show-interactive-dev-session=false',
        '--log-level', 'info',
      ],
      {
        cwd: join(WWW, 'worker'),
        // Offline: no metrics, no download of the `Request.cf` data.
        env: { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
        logDir,
      },
    );
    const url = `http://127.0.0.1:${port}`;
    await ready(`${url}/api/info`, proc, 150_000);
    return { name: 'worker', label: 'Cloudflare Worker (wrangler dev, workerd)', url, proc };
  });
}

/** The Deno function (`deno run`, offline: the package comes from pkg/ through deno.json's links). */
export async function startDeno({ nango, upstream, logDir, port = 0 }) {
  // main.ts binds the PORT it is given: chosen free here, tried again if taken meanwhile.
  return onFreePort(port, async (port) => {
    const { proc } = await start(
      'deno',
      join(BIN, 'deno'),
      ['run', '--check', '--cached-only', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'main.ts'],
      {
        cwd: join(WWW, 'deno'),
        env: { ...appEnv(nango, upstream), PORT: String(port), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
        logDir,
      },
    );
    const url = `http://127.0.0.1:${port}`;
    await ready(`${url}/api/info`, proc, 60_000);
    return { name: 'deno', label: 'Deno function', url, proc };
  });
}

/**
 * The native axum server (www/native, built by `cargo xtask www`). Without a `port`
 * it binds port 0 (a port the system picks) and names its address on its first line.
 */
export async function startNative({ nango, upstream, logDir, port = 0 }) {
  const exe = process.env.NANGO_WWW_NATIVE || join(ROOT, 'target/debug/nango-www-native');
  const { proc, match } = await start('native', exe, [], {
    env: { ...appEnv(nango, upstream), PORT: String(port) },
    logDir,
    firstLine: /listening on (http:\/\/\S+)/,
  });
  const url = match[1];
  await ready(`${url}/api/info`, proc, 60_000);
  return { name: 'native', label: 'native Rust server (axum)', url, proc };
}
