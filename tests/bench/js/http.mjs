// One load run of getConnection or a proxy GET with the official SDK or the wasm
// package, in Node or Deno: warm-up, then `count` calls with `conc` in flight.
import { load, httpOp, measure } from './common.mjs';

await measure(async (cfg) => {
  const Nango = await load(cfg.module);
  const nango = new Nango({ secretKey: cfg.key, host: cfg.host });
  return httpOp(nango, cfg);
});
