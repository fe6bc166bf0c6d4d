// The same flow suites on redisStore (node-redis) against a private
// redis-server. Redis keeps its own time, so suites that move the injected
// clock past a store window skip those steps.
import { after, before } from 'node:test';
import { createClient } from 'redis';
import { redisStore } from 'twofa/redis';
import { harness } from '../flows/harness.mjs';
import { flowSuites } from '../flows/suites/index.mjs';
import { startRedis } from '../support/redis.mjs';

let redis;
let client;
before(async () => {
  redis = await startRedis();
  client = await createClient({ url: redis.url }).connect();
});
after(async () => {
  client?.destroy();
  await redis?.kill();
});

flowSuites(harness({ name: 'redisStore', storeFollowsClock: false, make: () => redisStore(client) }));
