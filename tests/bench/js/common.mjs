// Helpers shared by the benchmark scripts (Node and Deno).
import { loadLoop } from './loop.mjs';

/** The JSON configuration passed as the last command-line argument. */
export function config() {
  const argv = globalThis.Deno ? Deno.args : process.argv.slice(2);
  return JSON.parse(argv[argv.length - 1]);
}

/** Prints the result line read by `nango-bench run`, then exits. */
export function done(result) {
  console.log(JSON.stringify(result));
  if (globalThis.Deno) Deno.exit(0);
  else process.exit(0);
}

/** Prints an error line and exits non-zero. */
export function fail(e) {
  console.log(JSON.stringify({ error: String((e && e.stack) || e) }));
  if (globalThis.Deno) Deno.exit(1);
  else process.exit(1);
}

/**
 * One load run of `makeOp(cfg)` (an async function making one call): the warm-up,
 * then `cfg.count` calls with `cfg.conc` in flight; prints the result line and exits.
 */
export async function measure(makeOp) {
  try {
    const cfg = config();
    const op = await makeOp(cfg);
    const maxMs = cfg.maxSecs * 1000;
    if (cfg.warmup > 0) await loadLoop(op, cfg.conc, cfg.warmup, maxMs);
    const r = await loadLoop(op, cfg.conc, cfg.count, maxMs);
    if (r.errors > 0) console.error(r.firstError);
    done(r);
  } catch (e) {
    fail(e);
  }
}

/** The `Nango` class of `module`: '@nangohq/node' or a file URL of the wasm package's entry. */
export async function load(module) {
  const mod = await import(module);
  return mod.Nango;
}

export { percentile, loadLoop, httpOp, fetchOp } from './loop.mjs';
