// Differential oracle: the official SDK's verifyIncomingWebhookRequest on the cases
// read from stdin (a JSON array of {key, body, headers}); prints a JSON array of booleans.
import { Nango } from '@nangohq/node';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = cases.map(({ key, body, headers }) => {
    const nango = new Nango({ apiKey: '00000000-0000-4000-8000-000000000000', webhookSigningKey: key });
    return nango.verifyIncomingWebhookRequest(body, headers);
});
process.stdout.write(JSON.stringify(results));
