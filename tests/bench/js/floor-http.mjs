// The `node:http` floor in Node: the wasm package's request (URL and headers
// captured from the server's recorder, `cfg.raw`) sent with `node:http` through a
// keep-alive agent, which is what @nangohq/node stands on (axios over `http`/`https`
// with `keepAlive: true`); the body read whole and parsed as JSON. Same warm-up and
// load loop as http.mjs.
import http from 'node:http';
import { measure } from './common.mjs';

await measure((cfg) => {
  const agent = new http.Agent({ keepAlive: true });
  const url = new URL(cfg.raw.url);
  // The package's headers as recorded (each once). `node:http` decodes no
  // Content-Encoding: the local server sends none, so the body is the JSON as is.
  const headers = Object.fromEntries(cfg.raw.headers);
  const options = { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'GET', headers };
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request(options, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (res.statusCode >= 200 && res.statusCode < 300) resolve(body);
            else reject(new Error(`status ${res.statusCode}`));
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
});
