// Helpers shared by the benchmark scripts (Node and Deno).

/** The JSON configuration passed as the last command-line argument. */
export function config() {
  const argv = globalThis.Deno ? Deno.args : process.argv.slice(2);
  return JSON.parse(argv[argv.length - 1]);
}

/** Prints the result line read by `nango-bench run`, then exits. */
export function done(result) {
  console.log(JSON.stringify(result));
  if (globalThis.Deno) Deno.exit(0);
  else process.exit(0);
}

/** Prints an error line and exits non-zero. */
export function fail(e) {
  console.log(JSON.stringify({ error: String((e && e.stack) || e) }));
  if (globalThis.Deno) Deno.exit(1);
  else process.exit(1);
}

/** The `Nango` class of `module`: '@nangohq/node' or a file URL of the wasm package's entry. */
export async function load(module) {
  const mod = await import(module);
  return mod.Nango;
}

export { percentile, loadLoop, httpOp, fetchOp } from './loop.mjs';
