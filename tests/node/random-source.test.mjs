// A crypto.getRandomValues that returns without filling the array (a stub,
// a broken polyfill) must not become an all-zero secret, and backup codes
// drawn from a source that repeats itself must not loop forever: both are
// RANDOM_UNAVAILABLE, in the server build and in the browser build. Each case
// runs in a fresh process (the patch is in place before twofa's first call).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const SOURCES = {
  'fills nothing': '(array) => array',
  'fills zeros': '(array) => array.fill(0)',
  'fills one value': '(array) => array.fill(0xa5)',
};

// globalThis.crypto: in `node -e`, `crypto` alone is node:crypto.
function outcomes(entry, source, calls) {
  const script = `
    globalThis.crypto.getRandomValues = ${source};
    const t = require(${JSON.stringify(entry)});
    const outcome = (run) => { try { return 'value ' + JSON.stringify(run()); } catch (e) { return e instanceof t.TwoFactorError ? e.code : String(e); } };
    console.log(JSON.stringify({ ${calls} }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 20_000 }));
}

for (const [name, source] of Object.entries(SOURCES)) {
  test(`a random source that ${name} gives RANDOM_UNAVAILABLE, not a weak secret or a hang`, () => {
    assert.deepEqual(
      outcomes('twofa', source, 'secret: outcome(() => t.generateSecret()), backup: outcome(() => t.generateBackupCodes({ count: 10 }))'),
      { secret: 'RANDOM_UNAVAILABLE', backup: 'RANDOM_UNAVAILABLE' },
    );
    assert.deepEqual(outcomes('twofa/browser', source, 'secret: outcome(() => t.generateSecret())'), { secret: 'RANDOM_UNAVAILABLE' });
  });
}

test('a working random source still gives secrets and backup codes', () => {
  const out = outcomes('twofa', 'globalThis.crypto.getRandomValues.bind(globalThis.crypto)', 'secret: outcome(() => t.generateSecret()), backup: outcome(() => t.generateBackupCodes({ count: 10 }).length)');
  assert.match(out.secret, /^value "[A-Z2-7]{32}"$/);
  assert.equal(out.backup, 'value 10');
});
