// Child processes for the runs: started in their own process group, their output
// kept in a log file, stopped (the whole group) at exit.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const children = new Set();

/** A free TCP port on 127.0.0.1 (the preferred one when it is free). */
export function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e) => (preferred ? freePort(0).then(resolve, reject) : reject(e)));
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const ADDRESS_IN_USE = /EADDRINUSE|AddrInUse|address already in use/i;

/**
 * Calls `startOn(port)` with a free port (the preferred one when it is free). A port
 * found free may be taken by another process before the app binds it: when the start
 * fails on an address in use, it is tried again on another port (5 tries in all).
 */
export async function onFreePort(preferred, startOn) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(attempt === 1 ? preferred : 0);
    try {
      return await startOn(port);
    } catch (e) {
      if (attempt >= 5 || !ADDRESS_IN_USE.test(String(e?.message))) throw e;
    }
  }
}

/**
 * Starts `command` with its output in `<logDir>/<name>.log`. `firstLine` (a
 * RegExp) makes the returned promise wait for a matching stdout line, and
 * resolve with its match.
 */
export function start(name, command, args, { cwd, env, logDir, firstLine, timeoutMs = 60_000 } = {}) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const proc = { name, child, logFile, exited: false, output: '' };
  // All of its output once its streams close (bounded: a grandchild may keep them open).
  proc.closed = new Promise((resolve) => child.once('close', resolve));
  children.add(proc);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const keep = (chunk) => {
    proc.output = (proc.output + chunk).slice(-65536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', () => {
    proc.exited = true;
    children.delete(proc);
  });
  if (!firstLine) return Promise.resolve({ proc });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs);
    function fail(why) {
      clearTimeout(timer);
      reject(new Error(`${name}: ${why}\n${tail(proc)}`));
    }
    child.on('exit', (code) => fail(`exited (${code}) before it was ready`));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = buffered.match(firstLine);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.on('exit', () => {
          proc.exited = true;
          children.delete(proc);
        });
        resolve({ proc, match });
      }
    });
  });
}

/** The end of a process's output, for error messages. */
export function tail(proc, lines = 30) {
  return proc.output.split('\n').slice(-lines).join('\n');
}

/** Polls `url` until it answers 2xx (bounded). */
export async function waitForHttp(url, { proc, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc?.exited) {
      await Promise.race([proc.closed, sleep(5_000)]);
      throw new Error(`${proc.name} exited before ${url} answered\n${tail(proc)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e.cause?.code || e.message);
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})${proc ? '\n' + tail(proc) : ''}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Stops one child started here (its whole group) at once. */
export function kill(proc) {
  if (!proc.exited) signalGroup(proc, 'SIGKILL');
}

function signalGroup(proc, signal) {
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops every child started here: SIGTERM to each group, SIGKILL after 3 s. */
export async function stopAll() {
  const running = [...children];
  for (const proc of running) signalGroup(proc, 'SIGTERM');
  const deadline = Date.now() + 3_000;
  while (running.some((p) => !p.exited) && Date.now() < deadline) await sleep(50);
  for (const proc of running) if (!proc.exited) signalGroup(proc, 'SIGKILL');
}

// Synchronous last resort when the runner itself is killed.
process.on('exit', () => {
  for (const proc of children) signalGroup(proc, 'SIGKILL');
});
