// Webhook verification with the official SDK or the wasm package in Node: the same
// body `iters` times (after a tenth as warm-up).
import { readFileSync } from 'node:fs';
import { config, done, fail, load } from './common.mjs';

try {
  const cfg = config();
  const Nango = await load(cfg.module);
  const nango = new Nango({ secretKey: cfg.key, webhookSigningKey: cfg.key, host: 'http://127.0.0.1:1' });
  const body = readFileSync(cfg.body, 'utf8');
  const headers = { 'X-Nango-Hmac-Sha256': cfg.signature };
  let ok = 0;
  for (let i = 0; i < cfg.iters / 10; i++) ok += nango.verifyIncomingWebhookRequest(body, headers) ? 1 : 0;
  const warm = ok;
  const t = performance.now();
  for (let i = 0; i < cfg.iters; i++) ok += nango.verifyIncomingWebhookRequest(body, headers) ? 1 : 0;
  const secs = (performance.now() - t) / 1000;
  if (ok - warm !== cfg.iters) throw new Error('a signature did not verify');
  done({ iters: cfg.iters, secs, ops: cfg.iters / secs });
} catch (e) {
  fail(e);
}
