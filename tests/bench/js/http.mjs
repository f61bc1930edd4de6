// One load run of getConnection or a proxy GET with the official SDK or the wasm
// package, in Node or Deno: warm-up, then `count` calls with `conc` in flight.
import { config, done, fail, load, loadLoop, httpOp } from './common.mjs';

try {
  const cfg = config();
  const Nango = await load(cfg.module);
  const nango = new Nango({ secretKey: cfg.key, host: cfg.host });
  const op = httpOp(nango, cfg);
  const maxMs = cfg.maxSecs * 1000;
  if (cfg.warmup > 0) await loadLoop(op, cfg.conc, cfg.warmup, maxMs);
  const r = await loadLoop(op, cfg.conc, cfg.count, maxMs);
  if (r.errors > 0) console.error(r.firstError);
  done(r);
} catch (e) {
  fail(e);
}
