// Cold start in a fresh Node or Deno process: from this script's first line to the
// first getConnection answered (module load, wasm compile + instantiate, constructor,
// first request).
const t0 = performance.now();
const argv = globalThis.Deno ? Deno.args : process.argv.slice(2);
const cfg = JSON.parse(argv[argv.length - 1]);
const exit = (code) => (globalThis.Deno ? Deno.exit(code) : process.exit(code));
try {
  const { Nango } = await import(cfg.module);
  const nango = new Nango({ secretKey: cfg.key, host: cfg.host });
  await nango.getConnection(cfg.pck, cfg.cid);
  console.log(JSON.stringify({ ms: performance.now() - t0 }));
  exit(0);
} catch (e) {
  console.log(JSON.stringify({ error: String((e && e.stack) || e) }));
  exit(1);
}
