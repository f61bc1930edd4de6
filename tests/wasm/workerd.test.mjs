// Runs the shared scenario, the fault suite (50,000 records, no RSS) and the
// bad-input suite inside workerd (through Miniflare): worker.mjs imports
// pkg/workerd.js exactly as a Worker bundled by wrangler would.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

const here = fileURLToPath(new URL('.', import.meta.url));
const host = process.env.NANGO_HOST;
const apiKey = process.env.NANGO_API_KEY;
const hostile = process.env.NANGO_HOSTILE_HOST;
if (!host || !apiKey || !hostile) throw new Error('NANGO_HOST, NANGO_API_KEY and NANGO_HOSTILE_HOST are required');

// One folder with the worker, the scenario and the package, as modules see them.
const root = mkdtempSync(join(tmpdir(), 'nango-wasm-workerd-'));
cpSync(join(here, 'worker.mjs'), join(root, 'worker.mjs'));
cpSync(join(here, 'scenario.mjs'), join(root, 'scenario.mjs'));
cpSync(join(here, 'assert.mjs'), join(root, 'assert.mjs'));
cpSync(join(here, 'real-webhooks.mjs'), join(root, 'real-webhooks.mjs'));
cpSync(join(here, 'faults.mjs'), join(root, 'faults.mjs'));
cpSync(join(here, 'bad-input.mjs'), join(root, 'bad-input.mjs'));
cpSync(join(here, 'hostile.mjs'), join(root, 'hostile.mjs'));
for (const f of ['workerd.js', 'package.json']) cpSync(join(here, '../../pkg', f), join(root, 'pkg', f));
cpSync(join(here, '../../pkg/dist'), join(root, 'pkg/dist'), { recursive: true });

const mf = new Miniflare({
  modules: true,
  modulesRoot: root,
  scriptPath: join(root, 'worker.mjs'),
  modulesRules: [
    { type: 'ESModule', include: ['**/*.js', '**/*.mjs'] },
    { type: 'CompiledWasm', include: ['**/*.wasm'] },
  ],
  compatibilityDate: '2025-01-01',
  bindings: { NANGO_HOST: host, NANGO_API_KEY: apiKey, NANGO_HOSTILE_HOST: hostile },
});

let failed = 0;
let passed = 0;
try {
  const res = await mf.dispatchFetch('http://localhost/');
  const results = await res.json();
  for (const r of results) {
    if (r.ok) {
      passed++;
      console.log(`ok - ${r.name} (${r.ms} ms)`);
    } else {
      failed++;
      console.log(`not ok - ${r.name}\n${r.error}`);
    }
  }
} finally {
  await mf.dispose();
  rmSync(root, { recursive: true, force: true });
}
console.log(`workerd: ${passed} passed; ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
