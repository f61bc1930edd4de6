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

/**
 * The floor of a runtime: the package's own request (`raw`: its URL and headers as
 * the server's recorder saw them) sent with the runtime's bare `fetch`, the whole
 * body read and parsed as JSON, as the package does with every answer. What the
 * package adds over this is its own cost.
 */
export function fetchOp(raw, step = 0) {
  if (step > 0) return stepOp(raw, step);
  return async () => {
    const res = await fetch(raw.url, { headers: raw.headers });
    const body = await res.json();
    if (!res.ok) throw new Error(`status ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
  };
}

/**
 * For profiling only (`"step": N` in the floor's configuration; BENCHMARKS.md, "Where a
 * target is missed"): the floor plus the transport steps of the package's shim, up to
 * `step`, to tell what each costs in a runtime.
 *   1: an AbortController, a timeout timer set and cleared, `redirect: 'manual'`;
 *   2: and the body as `arrayBuffer()`, the headers copied, TextDecoder + JSON.parse;
 *   3: the body read chunk by chunk through `getReader()` instead (counted, as the
 *      package does to enforce its answer limit while reading).
 */
function stepOp(raw, step) {
  const readAll = async (res) => {
    if (step < 3) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      chunks.push(value);
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  };
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const res = await fetch(raw.url, { headers: raw.headers, signal: controller.signal, redirect: 'manual' });
      if (step < 2) {
        await res.json();
        return;
      }
      const bytes = await readAll(res);
      const flat = [];
      res.headers.forEach((value, name) => flat.push(name, value));
      JSON.parse(new TextDecoder().decode(bytes));
      if (!res.ok) throw new Error(`status ${res.status}`);
    } finally {
      clearTimeout(timer);
    }
  };
}
