// Deno: read from disk when the package is local (npm: or file:), fetched otherwise.
import init, { initSync } from './dist/nango.js';

const url = new URL('./dist/nango_wasm_bg.wasm', import.meta.url);
if (url.protocol === 'file:') {
  initSync({ module: Deno.readFileSync(url) });
} else {
  await init({ module_or_path: url });
}

export { Nango, NangoError, prodHost, getUserAgent, SyncConfigType, AuthModes } from './dist/nango.js';
