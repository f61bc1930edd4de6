// Differential oracle: the official SDK's verifyIncomingWebhookRequest on the cases
// read from stdin (a JSON array of {key, body, headers}), and the same call on this
// project's wasm package when pkg/ is built. Prints
// {"official": [bool...], "wasm": [bool...] | null}.
import { existsSync } from 'node:fs';
import { Nango as Official } from '@nangohq/node';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const apiKey = '00000000-0000-4000-8000-000000000000';

const verifyAll = (Nango) =>
    cases.map(({ key, body, headers }) =>
        new Nango({ apiKey, webhookSigningKey: key }).verifyIncomingWebhookRequest(body, headers)
    );

const entry = new URL('../../pkg/node.js', import.meta.url);
const built = existsSync(entry) && existsSync(new URL('../../pkg/dist/nango_wasm_bg.wasm', import.meta.url));
const wasm = built ? verifyAll((await import(entry.href)).Nango) : null;
process.stdout.write(JSON.stringify({ official: verifyAll(Official), wasm }));
