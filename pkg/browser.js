// Browsers and bundlers (ESM): the .wasm file is fetched next to this module and
// compiled while it downloads.
import init from './dist/nango.js';

await init({ module_or_path: new URL('./dist/nango_wasm_bg.wasm', import.meta.url) });

export { Nango, NangoError, prodHost, getUserAgent, SyncConfigType, AuthModes } from './dist/nango.js';
