// The wasm package in workerd, through Miniflare (as a Worker bundled by wrangler
// sees it: pkg/workerd.js, the .wasm imported as a compiled module).
//   mode "load": the load loop runs inside the Worker (one request drives it);
//                req/s is timed here around it, latencies by the Worker's clock.
//                With `raw` (a captured request), the Worker's bare fetch instead
//                of the package: workerd's floor.
//   mode "cold": a fresh workerd to the first getConnection answered, and the same
//                for an empty Worker making the identical fetch (the baseline).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { config, done, fail } from './common.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

const LOAD_WORKER = `
import { Nango } from './pkg/workerd.js';
import { loadLoop, httpOp, fetchOp } from './loop.mjs';
export default {
  async fetch(request) {
    const cfg = await request.json();
    // cfg.raw: the floor, workerd's bare fetch with the package's own request.
    const op = cfg.raw ? fetchOp(cfg.raw, cfg.step ?? 0) : httpOp(new Nango({ secretKey: cfg.key, host: cfg.host }), cfg);
    const r = await loadLoop(op, cfg.conc, cfg.count, cfg.maxSecs * 1000, () => Date.now());
    return Response.json(r);
  },
};
`;

const COLD_WORKER = `
import { Nango } from './pkg/workerd.js';
export default {
  async fetch(request, env) {
    const nango = new Nango({ secretKey: env.KEY, host: env.HOST });
    const c = await nango.getConnection(env.PCK, env.CID);
    return new Response(c.connection_id);
  },
};
`;

const EMPTY_WORKER = `
export default {
  async fetch(request, env) {
    const r = await fetch(env.HOST + '/connection/' + env.CID + '?provider_config_key=' + env.PCK, {
      headers: { authorization: 'Bearer ' + env.KEY },
    });
    const c = await r.json();
    return new Response(c.connection_id);
  },
};
`;

function folder(cfg) {
  const root = mkdtempSync(join(tmpdir(), 'nango-bench-workerd-'));
  writeFileSync(join(root, 'load.mjs'), LOAD_WORKER);
  writeFileSync(join(root, 'cold.mjs'), COLD_WORKER);
  writeFileSync(join(root, 'empty.mjs'), EMPTY_WORKER);
  cpSync(join(here, 'loop.mjs'), join(root, 'loop.mjs'));
  for (const f of ['workerd.js', 'package.json']) cpSync(join(cfg.pkg, f), join(root, 'pkg', f));
  cpSync(join(cfg.pkg, 'dist'), join(root, 'pkg/dist'), { recursive: true });
  return root;
}

function miniflare(root, script, cfg) {
  return new Miniflare({
    modules: true,
    modulesRoot: root,
    scriptPath: join(root, script),
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js', '**/*.mjs'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2025-01-01',
    bindings: { HOST: cfg.host, KEY: cfg.key, PCK: cfg.pck, CID: cfg.cid },
  });
}

async function firstResponse(root, script, cfg) {
  const t = performance.now();
  const mf = miniflare(root, script, cfg);
  try {
    const res = await mf.dispatchFetch('http://localhost/');
    const text = await res.text();
    if (text !== cfg.cid) throw new Error(`${script}: unexpected answer ${res.status} ${text.slice(0, 300)}`);
    return performance.now() - t;
  } finally {
    await mf.dispose();
  }
}

const cfg = config();
const root = folder(cfg);
try {
  if (cfg.mode === 'load') {
    const mf = miniflare(root, 'load.mjs', cfg);
    try {
      await mf.ready;
      const drive = async (count) => {
        const t = performance.now();
        const res = await mf.dispatchFetch('http://localhost/', {
          method: 'POST',
          body: JSON.stringify({ ...cfg, count }),
        });
        const text = await res.text();
        let r;
        try {
          r = JSON.parse(text);
        } catch {
          throw new Error(`worker answered ${res.status}: ${text.slice(0, 300)}`);
        }
        return { r, secs: (performance.now() - t) / 1000 };
      };
      if (cfg.warmup > 0) await drive(cfg.warmup);
      const { r, secs } = await drive(cfg.count);
      if (r.errors > 0) console.error(r.firstError);
      done({ ...r, secs, rps: r.done / secs, worker_secs: r.secs });
    } finally {
      await mf.dispose();
    }
  } else {
    const baseline = await firstResponse(root, 'empty.mjs', cfg);
    const ms = await firstResponse(root, 'cold.mjs', cfg);
    done({ ms, baseline_ms: baseline });
  }
} catch (e) {
  fail(e);
} finally {
  rmSync(root, { recursive: true, force: true });
}
