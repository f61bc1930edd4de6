// The Worker the workerd runner loads: imports pkg/ through its `workerd` entry
// (the .wasm as a compiled module, no nodejs_compat) and runs the shared scenario
// with the fault and bad-input suites inside a request, answering the results as JSON.
import { Nango, NangoError } from './pkg/workerd.js';
import { cases } from './scenario.mjs';
import { cases as faults } from './faults.mjs';
import { cases as badInput } from './bad-input.mjs';
import { cases as hostileCases } from './hostile.mjs';

export default {
  async fetch(request, env) {
    const results = [];
    const props = { Nango, NangoError, host: env.NANGO_HOST, apiKey: env.NANGO_API_KEY };
    const hostile = hostileCases({ Nango, NangoError, hostile: env.NANGO_HOSTILE_HOST });
    for (const c of [...cases(props), ...faults(props), ...badInput(props), ...hostile]) {
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
