// A private redis-server for one test file: a free loopback port, no
// persistence, stopped when done. Never uses a server that is already running.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { freePort } from './ports.mjs';

async function waitForPort(port, child, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}

/**
 * Starts redis-server; resolves to `{ port, url, kill, start }`: `kill()`
 * kills it at once, as a crash would; `start()` starts a new, empty one on
 * the same port.
 */
export async function startRedis() {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    try {
      let child = await spawnRedis(port);
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        async kill() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGKILL');
          await once(child, 'exit');
        },
        async start() {
          child = await spawnRedis(port);
        },
      };
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function spawnRedis(port) {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  // A run that dies without stopping it (a crash, an exception in a script) must not leave it behind.
  process.once('exit', () => child.kill('SIGKILL'));
  try {
    await waitForPort(port, child);
    return child;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/**
 * Connects each supported client to `url`; each resolves to `{ client, close }`.
 * Both fail fast while Redis is down (without their offline queues, as the
 * README advises) and reconnect when it is back.
 */
export const redisClients = {
  'node-redis': async (url) => {
    const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50 } });
    client.on('error', () => {}); // reconnect noise while the server is down
    await client.connect();
    return { client, close: () => client.destroy() };
  },
  ioredis: async (url) => {
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on('error', () => {});
    await client.connect();
    return { client, close: () => client.disconnect() };
  },
};
