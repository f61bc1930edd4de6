// Package sizes: the wasm package (.wasm + JS, as shipped and bundled again by
// esbuild from the Workers entry) vs @nangohq/node bundled by esbuild; raw bytes
// and gzip -9.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { config, done, fail } from './common.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const measure = (bufs) => ({
  raw: bufs.reduce((n, b) => n + b.length, 0),
  gzip: bufs.reduce((n, b) => n + gz(b), 0),
});

function jsFiles(dir, out = []) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) jsFiles(p, out);
    else if (p.endsWith('.js')) out.push(p);
  }
  return out;
}

async function bundle(options) {
  const r = await esbuild.build({
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    ...options,
  });
  return Buffer.from(r.outputFiles[0].contents);
}

try {
  const cfg = config();
  const result = {};
  const official = (platform) =>
    bundle({
      stdin: { contents: "export { Nango } from '@nangohq/node';", resolveDir: here, loader: 'js' },
      platform,
      target: 'es2022',
    });
  result.official = measure([await official('node')]);
  if (cfg.wasm) {
    const wasm = readFileSync(join(cfg.pkg, 'dist/nango_wasm_bg.wasm'));
    const glue = [readFileSync(join(cfg.pkg, 'workerd.js')), ...jsFiles(join(cfg.pkg, 'dist')).map((p) => readFileSync(p))];
    result.pkg_wasm = measure([wasm]);
    result.pkg_js = measure(glue);
    result.pkg = measure([wasm, ...glue]);
    const min = await bundle({
      entryPoints: [join(cfg.pkg, 'workerd.js')],
      platform: 'neutral',
      external: ['*.wasm'],
      target: 'es2022',
    });
    result.pkg_min = measure([wasm, min]);
  }
  done(result);
} catch (e) {
  fail(e);
}
