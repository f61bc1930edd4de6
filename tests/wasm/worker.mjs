// The Worker the workerd runner loads: imports pkg/ through its `workerd` entry
// (the .wasm as a compiled module, no nodejs_compat) and runs the shared scenario
// inside a request, answering the results as JSON.
import { Nango, NangoError } from './pkg/workerd.js';
import { cases } from './scenario.mjs';

export default {
  async fetch(request, env) {
    const results = [];
    for (const c of cases({ Nango, NangoError, host: env.NANGO_HOST, apiKey: env.NANGO_API_KEY })) {
      const started = Date.now();
      try {
        await c.run();
        results.push({ name: c.name, ok: true, ms: Date.now() - started });
      } catch (e) {
        results.push({ name: c.name, ok: false, error: String((e && e.stack) || e) });
      }
    }
    return Response.json(results);
  },
};
