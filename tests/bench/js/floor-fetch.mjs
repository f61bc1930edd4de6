// The `fetch` floor in Node or Deno: the wasm package's own request (URL and headers
// captured from the server's recorder, `cfg.raw`) sent with the runtime's bare
// `fetch`, the body read and parsed as JSON; the same warm-up and load loop as
// http.mjs, so that the package's row divided by this one is the package's share.
import { fetchOp, measure } from './common.mjs';

// cfg.step: for profiling only (loop.mjs, stepOp).
await measure((cfg) => fetchOp(cfg.raw, cfg.step ?? 0));
