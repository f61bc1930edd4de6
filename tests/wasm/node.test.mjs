// The shared scenario, then the fault and bad-input suites, against pkg/ in Node,
// with node:test (`node --test node.test.mjs`). Only here does the fault suite
// stream 1,000,000 records and sample the RSS.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import assert from 'node:assert/strict';
import { AuthModes, Nango, NangoError, SyncConfigType, getUserAgent, prodHost } from '../../pkg/node.js';
import { cases } from './scenario.mjs';
import { cases as faults } from './faults.mjs';
import { cases as badInput } from './bad-input.mjs';
import { cases as hostileCases, memory } from './hostile.mjs';

const host = process.env.NANGO_HOST;
const apiKey = process.env.NANGO_API_KEY;
const hostile = process.env.NANGO_HOSTILE_HOST;
if (!host || !apiKey || !hostile) throw new Error('NANGO_HOST, NANGO_API_KEY and NANGO_HOSTILE_HOST are required');

const all = [
  ...cases({ Nango, NangoError, host, apiKey }),
  ...faults({ Nango, NangoError, host, apiKey, million: true }),
  ...badInput({ Nango, NangoError, host, apiKey }),
  ...hostileCases({ Nango, NangoError, hostile }),
  memory({ Nango, hostile }),
];
for (const c of all) {
  test(c.name, c.run);
}

// Node prints an error by its class name: a minified class name (`T [NangoError]: ...`)
// would show in every log line of a caller's `console.log(err)`.
test('the values @nangohq/node exports besides its class', () => {
  assert.equal(prodHost, 'https://api.nango.dev');
  assert.deepEqual({ ...SyncConfigType }, { SYNC: 'sync', ACTION: 'action' });
  assert.equal(AuthModes.OAuth2, 'OAUTH2');
  assert.equal(AuthModes.AwsSigV4, 'AWS_SIGV4');
  assert.match(getUserAgent(), /^nango-wasm\/\d+\.\d+\.\d+$/);
  assert.match(getUserAgent('my-app/2'), /^nango-wasm\/\d+\.\d+\.\d+; my-app\/2$/);
  // Every entry exports them, as it exports the class.
  for (const entry of ['node.js', 'deno.js', 'browser.js', 'workerd.js']) {
    const text = readFileSync(new URL(`../../pkg/${entry}`, import.meta.url), 'utf8');
    assert.match(text, /export \{ Nango, NangoError, prodHost, getUserAgent, SyncConfigType, AuthModes \}/, entry);
  }
});

test('names: console.log / util.inspect show NangoError and Nango', () => {
  const e = new NangoError('invalid_input', 'bad value');
  const shown = inspect(e);
  if (!shown.startsWith('NangoError: bad value')) throw new Error(`util.inspect(err): ${shown.slice(0, 80)}`);
  let thrown;
  try {
    new Nango({});
  } catch (err) {
    thrown = err;
  }
  if (!inspect(thrown).startsWith('NangoError: ')) throw new Error(`util.inspect(thrown): ${inspect(thrown).slice(0, 80)}`);
  const client = inspect(new Nango({ apiKey: 'k' }));
  if (!client.startsWith('Nango ')) throw new Error(`util.inspect(nango): ${client}`);
});

