// Cloudflare Workers (workerd): the .wasm file is imported as a compiled
// WebAssembly.Module by the bundler (wrangler) and instantiated synchronously;
// nothing is compiled at run time and no Node compatibility flag is needed.
import wasm from './dist/nango_wasm_bg.wasm';
import { initSync } from './dist/nango.js';

initSync({ module: wasm });

export { Nango, NangoError, prodHost, getUserAgent, SyncConfigType, AuthModes } from './dist/nango.js';
