// Throughput of verifyChallenge in one Node process, with memoryStore and
// with redisStore (node-redis) against a local redis-server started here:
// each call opens a challenge token and a sealed secret, checks a TOTP code
// (window ±1), claims its step and resets the failure counter.
// Run: node bench/flows.mjs (after npm run build; needs redis-server)
import { createClient } from 'redis';
import { createTwoFactor, memoryStore, totp } from '../dist/node.mjs';
import { redisStore } from '../dist/redis.mjs';
import { startRedis } from '../tests/support/redis.mjs';

const CALLS = Number(process.env.CALLS ?? 5000);

async function measure(label, store, concurrency) {
  const clock = { now: 1_700_000_000_000 };
  const twofa = createTwoFactor({ issuer: 'Bench', keys: { current: 'k1', keys: { k1: 'bench-key-0123456789abcdef0123456789' } }, store, now: () => clock.now });
  // One user per call slot, each verified once per simulated period, so no code is a replay.
  const users = [];
  for (let i = 0; i < concurrency; i++) {
    const id = `${label}/${concurrency}/u${i}`; // runs share Redis: never reuse a user's steps
    const { secret, enrollmentToken } = twofa.beginEnrollment({ userId: id, account: id });
    const done = await twofa.confirmEnrollment({ userId: id, enrollmentToken, code: totp({ secret, timestamp: clock.now }), user: null });
    users.push({ id, secret, record: { sealedSecret: done.update.sealedSecret, lastUsedStep: done.update.lastUsedStep } });
  }
  let elapsed = 0;
  let done = 0;
  while (done < CALLS) {
    clock.now += 30_000;
    const batch = users.map((u) => ({ u, code: totp({ secret: u.secret, timestamp: clock.now }), token: twofa.startChallenge({ userId: u.id }) }));
    const start = performance.now();
    const results = await Promise.all(batch.map(({ u, code, token }) => twofa.verifyChallenge({ challengeToken: token, code, user: u.record }).catch((e) => { throw new Error(`${label} call ${done}: ${e.code} last ${u.record.lastUsedStep} now ${Math.floor(clock.now / 30000)}`); })));
    elapsed += performance.now() - start;
    results.forEach((r, i) => { users[i].record.lastUsedStep = r.update.lastUsedStep; });
    done += batch.length;
  }
  return { store: label, concurrency, calls: done, perSecond: Math.round(done / (elapsed / 1000)) };
}

const rows = [];
rows.push(await measure('memoryStore', memoryStore(), 1));
rows.push(await measure('memoryStore', memoryStore(), 50));
const redis = await startRedis();
const client = await createClient({ url: redis.url }).connect();
try {
  rows.push(await measure('redisStore (node-redis)', redisStore(client), 1));
  rows.push(await measure('redisStore (node-redis)', redisStore(client), 50));
} finally {
  client.destroy();
  await redis.kill();
}
console.table(rows);
console.log(JSON.stringify(rows));
