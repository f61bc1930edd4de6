// Every record of a model in pages of `limit`, in Node: the official SDK's manual
// `listRecords` cursor loop, or the wasm package's `recordsIterator`. RSS is sampled
// after every page and every 10 ms.
import { config, done, fail, load } from './common.mjs';

try {
  const cfg = config();
  const Nango = await load(cfg.module);
  const nango = new Nango({ secretKey: cfg.key, host: cfg.host });
  const base = { providerConfigKey: cfg.pck, connectionId: cfg.cid, model: cfg.model, limit: cfg.limit };
  let peak = 0;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
    return rss;
  };
  const startRss = sample();
  const timer = setInterval(sample, 10);
  const deadline = performance.now() + cfg.maxSecs * 1000;
  let n = 0;
  let early = null;
  const tenth = Math.floor(cfg.expect / 10);
  const t = performance.now();
  const seen = (count) => {
    const before = n;
    n += count;
    const rss = sample();
    if (early === null && before < tenth && n >= tenth) early = rss;
    if (performance.now() > deadline) throw new Error(`stopped after ${n} records: over ${cfg.maxSecs} s`);
  };
  if (cfg.module === '@nangohq/node') {
    let cursor;
    do {
      const page = await nango.listRecords({ ...base, cursor });
      let c = 0;
      for (const r of page.records) if (r) c++;
      seen(c);
      cursor = page.next_cursor;
    } while (cursor);
  } else {
    let c = 0;
    for await (const r of nango.recordsIterator(base)) {
      if (r) c++;
      if (c === cfg.limit) {
        seen(c);
        c = 0;
      }
    }
    seen(c);
  }
  const secs = (performance.now() - t) / 1000;
  clearInterval(timer);
  const mb = (b) => (b === null ? null : b / 1024 / 1024);
  done({ records: n, secs, start_rss_mb: mb(startRss), early_rss_mb: mb(early), peak_rss_mb: mb(peak) });
} catch (e) {
  fail(e);
}
