// The shared scenario against pkg/ in Node, with node:test (`node --test node.test.mjs`).
import { test } from 'node:test';
import { Nango, NangoError } from '../../pkg/node.js';
import { cases } from './scenario.mjs';

const host = process.env.NANGO_HOST;
const apiKey = process.env.NANGO_API_KEY;
if (!host || !apiKey) throw new Error('NANGO_HOST and NANGO_API_KEY are required');

for (const c of cases({ Nango, NangoError, host, apiKey })) {
  test(c.name, c.run);
}
