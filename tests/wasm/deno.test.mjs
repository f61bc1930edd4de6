// The shared scenario, the fault suite (50,000 records, no RSS) and the bad-input
// suite against pkg/ in Deno (`deno test --allow-net=127.0.0.1
// --allow-read --allow-env deno.test.mjs`).
import { Nango, NangoError } from '../../pkg/deno.js';
import { cases } from './scenario.mjs';
import { cases as faults } from './faults.mjs';
import { cases as badInput } from './bad-input.mjs';
import { cases as hostileCases } from './hostile.mjs';

const host = Deno.env.get('NANGO_HOST');
const apiKey = Deno.env.get('NANGO_API_KEY');
const hostile = Deno.env.get('NANGO_HOSTILE_HOST');
if (!host || !apiKey || !hostile) throw new Error('NANGO_HOST, NANGO_API_KEY and NANGO_HOSTILE_HOST are required');

const all = [
  ...cases({ Nango, NangoError, host, apiKey }),
  // Deno's fetch (hyper) sends a request again, a POST too, when the connection
  // closes before the answer: the server may record twice what the package sent.
  ...faults({ Nango, NangoError, host, apiKey, resends: true }),
  ...badInput({ Nango, NangoError, host, apiKey }),
  ...hostileCases({ Nango, NangoError, hostile }),
];
for (const c of all) {
  // The scenario's iterators and waits end their own timers; the sanitizers would
  // flag the fetch bodies that the failing-connection case leaves to the runtime.
  Deno.test({ name: c.name, fn: c.run, sanitizeOps: false, sanitizeResources: false });
}
