// The `fetch` floor in Node or Deno: the wasm package's own request (URL and headers
// captured from the server's recorder, `cfg.raw`) sent with the runtime's bare
// `fetch`, the body read and parsed as JSON; the same warm-up and load loop as
// http.mjs, so that the package's row divided by this one is the package's share.
import { config, done, fail, loadLoop, fetchOp } from './common.mjs';

try {
  const cfg = config();
  // cfg.step: for profiling only (loop.mjs, stepOp).
  const op = fetchOp(cfg.raw, cfg.step ?? 0);
  const maxMs = cfg.maxSecs * 1000;
  if (cfg.warmup > 0) await loadLoop(op, cfg.conc, cfg.warmup, maxMs);
  const r = await loadLoop(op, cfg.conc, cfg.count, maxMs);
  if (r.errors > 0) console.error(r.firstError);
  done(r);
} catch (e) {
  fail(e);
}
