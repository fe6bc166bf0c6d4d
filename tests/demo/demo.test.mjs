// The Next.js demo end to end: built once from the packed tarball
// (scripts/demo.mjs), one server, one Chromium, the suites in ./suites in
// order (those that move the test clock last: it only moves forward).
import { after, before } from 'node:test';
import { Demo } from './support.mjs';
import { factorResetWait, testClock } from './suites/clock.mjs';
import devices from './suites/devices.mjs';
import email from './suites/email.mjs';
import hardening from './suites/hardening.mjs';
import life from './suites/life.mjs';
import policy from './suites/policy.mjs';
import race from './suites/race.mjs';
import recovery from './suites/recovery.mjs';

const demo = new Demo();

before(async () => {
  await demo.start();
  await demo.client().signup(demo.adminEmail); // the first account is the admin
});
after(() => demo.stop());

for (const suite of [life, hardening, email, policy, recovery, testClock, devices, race, factorResetWait]) suite(demo);
