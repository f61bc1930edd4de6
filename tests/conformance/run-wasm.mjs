// The conformance scenario through this project's WebAssembly package (pkg/, its
// Node entry). When pkg/ is not built, or fails to load, every step is recorded as
// `missing` (the comparator then says so). See runner.mjs.
import { existsSync } from 'node:fs';
import { run } from './runner.mjs';

const entry = new URL('../../pkg/node.js', import.meta.url);
const wasm = new URL('../../pkg/dist/nango_wasm_bg.wasm', import.meta.url);
let Nango = null;
if (existsSync(entry) && existsSync(wasm)) {
    try {
        ({ Nango } = await import(entry.href));
    } catch (e) {
        process.stderr.write(`conformance: the wasm package (pkg/) failed to load: ${e?.stack ?? e}\n`);
    }
}
await run({ Nango, argv: process.argv.slice(2) });
