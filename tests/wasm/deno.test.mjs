// The shared scenario against pkg/ in Deno (`deno test --allow-net=127.0.0.1
// --allow-read --allow-env deno.test.mjs`).
import { Nango, NangoError } from '../../pkg/deno.js';
import { cases } from './scenario.mjs';

const host = Deno.env.get('NANGO_HOST');
const apiKey = Deno.env.get('NANGO_API_KEY');
if (!host || !apiKey) throw new Error('NANGO_HOST and NANGO_API_KEY are required');

for (const c of cases({ Nango, NangoError, host, apiKey })) {
  // The scenario's iterators and waits end their own timers; the sanitizers would
  // flag the fetch bodies that the failing-connection case leaves to the runtime.
  Deno.test({ name: c.name, fn: c.run, sanitizeOps: false, sanitizeResources: false });
}
