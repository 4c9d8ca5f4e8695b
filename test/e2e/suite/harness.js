// A tiny sequential test harness for the extension host (no mocha: node's assert is enough).
// Prints one line per test and a closing `N passed, N failed` line; run() rejects on failure,
// which makes the workbench exit with code 1.
'use strict';

/** @type {Array<{name: string, fn: () => Promise<void> | void, timeout: number}>} */
const tests = [];

/** Registers a test. `timeout` in ms (default 120 s). */
function test(name, fn, { timeout = 120_000 } = {}) {
  tests.push({ name, fn, timeout });
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
    }),
  ]);
}

async function runAll({ grep, log = (m) => console.log(m) } = {}) {
  const selected = grep ? tests.filter((t) => t.name.includes(grep)) : tests;
  let passed = 0;
  const failures = [];
  for (const t of selected) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeout, t.name);
      passed++;
      log(`[e2e] ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failures.push({ name: t.name, err });
      log(`[e2e] FAIL ${t.name} (${Date.now() - started} ms)\n${indent(err && err.stack ? err.stack : String(err))}`);
    }
  }
  log(`[e2e] ${passed} passed, ${failures.length} failed`);
  return { passed, failed: failures.length, failures, total: selected.length };
}

function indent(s) {
  return String(s)
    .split('\n')
    .map((l) => `[e2e]      ${l}`)
    .join('\n');
}

module.exports = { test, runAll };
