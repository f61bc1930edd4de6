// Small assertions and a runner of named checks that counts passes and failures.
import { sleep } from './processes.mjs';

export class CheckFailed extends Error {}

export function ok(value, message = 'expected a truthy value') {
  if (!value) throw new CheckFailed(message);
}

export function eq(actual, expected, message = '') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckFailed(`${message ? message + ': ' : ''}expected ${e}, got ${a}`);
}

/** Retries `probe` until it returns a truthy value (bounded); returns that value. */
export async function eventually(probe, { timeoutMs = 10_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await sleep(200);
  }
  throw new CheckFailed(`${what}: not met within ${timeoutMs} ms`);
}

/**
 * Runs `cases` (`[{ name, run }]`) in order and prints one line each. With
 * `stopOnFailure`, the cases after a failure are counted as failed, not run
 * (each one builds on the previous, as in a person's walk through the page).
 */
export async function runCases(group, cases, { stopOnFailure = false } = {}) {
  const count = { group, passed: 0, failed: 0 };
  let broken = null;
  for (const c of cases) {
    if (broken) {
      count.failed++;
      console.log(`not ok - ${group}: ${c.name} (not run: \`${broken}\` failed)`);
      continue;
    }
    const started = Date.now();
    try {
      await c.run();
      count.passed++;
      console.log(`ok - ${group}: ${c.name} (${Date.now() - started} ms)`);
    } catch (e) {
      count.failed++;
      const detail = e instanceof CheckFailed ? e.message : e?.stack || String(e);
      console.log(`not ok - ${group}: ${c.name}\n    ${detail.replaceAll('\n', '\n    ')}`);
      if (stopOnFailure) broken = c.name;
    }
  }
  return count;
}
