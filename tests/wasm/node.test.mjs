// The shared scenario, then the fault and bad-input suites, against pkg/ in Node,
// with node:test (`node --test node.test.mjs`). Only here does the fault suite
// stream 1,000,000 records and sample the RSS.
import { test } from 'node:test';
import { Nango, NangoError } from '../../pkg/node.js';
import { cases } from './scenario.mjs';
import { cases as faults } from './faults.mjs';
import { cases as badInput } from './bad-input.mjs';

const host = process.env.NANGO_HOST;
const apiKey = process.env.NANGO_API_KEY;
if (!host || !apiKey) throw new Error('NANGO_HOST and NANGO_API_KEY are required');

const all = [
  ...cases({ Nango, NangoError, host, apiKey }),
  ...faults({ Nango, NangoError, host, apiKey, million: true }),
  ...badInput({ Nango, NangoError, host, apiKey }),
];
for (const c of all) {
  test(c.name, c.run);
}
