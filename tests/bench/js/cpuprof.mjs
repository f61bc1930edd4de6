// Summarises V8 CPU profiles (`node --cpu-prof`, `deno run --cpu-prof`) for
// BENCHMARKS.md, "Where a target is missed": the share of samples by where the code
// lives (the package's wasm, the package's JS, the runtime's fetch and streams, the
// runtime's other JS, GC, idle) and the functions with the most self time.
//   node cpuprof.mjs FILE.cpuprofile [top=15]
import { readFileSync } from 'node:fs';

const [file, top = '15'] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of prof.samples) self.set(id, (self.get(id) || 0) + 1);
const total = prof.samples.length;

function where(cf) {
  const url = cf.url || '';
  const name = cf.functionName || '(anonymous)';
  if (name === '(idle)') return 'idle (waiting for I/O)';
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(program)') return 'runtime native code (program)';
  if (url.startsWith('wasm://')) return 'package: wasm';
  if (/\/pkg\/|nango-bench-pkg|\/dist\/nango\.js/.test(url)) return 'package: JS';
  if (/undici|fetch|ext:deno_fetch|ext:deno_web|streams|webidl|headers/i.test(url)) return 'runtime: fetch, streams, headers';
  if (/@nangohq|axios|follow-redirects/.test(url)) return 'official SDK / axios';
  if (/bench\/js|\/tmp\//.test(url)) return 'bench loop';
  if (url.startsWith('node:') || url.startsWith('ext:') || url === '') return 'runtime: other';
  return 'other: ' + url.replace(/^.*\//, '');
}

const cats = new Map();
const funcs = new Map();
for (const [id, n] of self) {
  const cf = byId.get(id).callFrame;
  const c = where(cf);
  cats.set(c, (cats.get(c) || 0) + n);
  const key = `${cf.functionName || '(anonymous)'} ${(cf.url || '').replace(/^.*\//, '')}:${cf.lineNumber + 1}`;
  funcs.set(key, (funcs.get(key) || 0) + n);
}
const pct = (n) => ((100 * n) / total).toFixed(1).padStart(5) + '%';
console.log(`${total} samples, ${((prof.endTime - prof.startTime) / 1e6).toFixed(2)} s`);
console.log('\nby place:');
for (const [c, n] of [...cats].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(n)}  ${c}`);
console.log('\nself time, top functions:');
for (const [f, n] of [...funcs].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`  ${pct(n)}  ${f}`);
