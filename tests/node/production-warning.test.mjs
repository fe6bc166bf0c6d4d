// A process in production on the default memoryStore says once, on stderr,
// that replay claims and throttling live in that process only, and names the
// shared stores. Outside production, and with a store given, it says nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

/** The stderr of a fresh process that creates the flows twice. */
function stderrOf(env, { withStore = false } = {}) {
  const script = `
    const { createTwoFactor, memoryStore } = require('twofa');
    const config = { issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'k'.repeat(32) } } ${withStore ? ', store: memoryStore()' : ''} };
    createTwoFactor(config); createTwoFactor(config);`;
  const cwd = new URL('../..', import.meta.url);
  return spawnSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8', cwd }).stderr;
}

test('NODE_ENV=production on the default memoryStore: one warning naming redisStore and postgresStore', () => {
  const text = stderrOf({ NODE_ENV: 'production' });
  assert.equal(text.match(/twofa: using the default memoryStore in production/g)?.length, 1, text);
  assert.match(text, /redisStore/);
  assert.match(text, /postgresStore/);
});

test('no warning in development, or with a store given', () => {
  assert.equal(stderrOf({ NODE_ENV: 'development' }), '');
  assert.equal(stderrOf({ NODE_ENV: 'production' }, { withStore: true }), '');
});
