// Node 20+: the module is read from the package and instantiated synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from './dist/nango.js';

initSync({ module: readFileSync(new URL('./dist/nango_wasm_bg.wasm', import.meta.url)) });

export { Nango, NangoError, prodHost, getUserAgent, SyncConfigType, AuthModes } from './dist/nango.js';
