// The load loop and the measured call, free of Node/Deno APIs and of dynamic
// imports, so that the Worker of workerd.mjs can import it too.

/** The value of `p` (0..100) in sorted numbers (nearest rank). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/**
 * `count` calls of `op` with `conc` in flight, stopping at `maxMs`; latencies in µs.
 * `now` is the clock (performance.now by default).
 */
export async function loadLoop(op, conc, count, maxMs, now = () => performance.now()) {
  let next = 0;
  let errors = 0;
  let firstError = null;
  const lat = [];
  const start = now();
  const deadline = start + maxMs;
  const worker = async () => {
    while (next++ < count && now() < deadline) {
      const t = now();
      try {
        await op();
      } catch (e) {
        errors++;
        firstError ??= e;
      }
      lat.push((now() - t) * 1000);
    }
  };
  await Promise.all(Array.from({ length: conc }, worker));
  const secs = (now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return {
    done: lat.length,
    errors,
    firstError: firstError ? String(firstError.stack || firstError) : undefined,
    secs,
    rps: lat.length / secs,
    p50_us: percentile(lat, 50),
    p99_us: percentile(lat, 99),
  };
}

/** The call measured by the HTTP rows, for an SDK instance `nango`. */
export function httpOp(nango, cfg) {
  if (cfg.op === 'connection') {
    return () => nango.getConnection(cfg.pck, cfg.cid);
  }
  if (cfg.op === 'proxy') {
    return () =>
      nango.get({
        endpoint: cfg.endpoint,
        providerConfigKey: cfg.pck,
        connectionId: cfg.cid,
        baseUrlOverride: cfg.upstream,
      });
  }
  throw new Error(`unknown op ${cfg.op}`);
}
