// One twofa instance for the app. Keys come from TWOFA_KEYS ("id:key,..."; the
// first is current, the others stay to open older values). `npm start` writes
// a development ring to .env.local on first start and warns that production
// must set its own.
import { createTwoFactor, type KeyRingOptions, type TwoFactor } from 'twofa';

export function keysFromEnv(value = process.env.TWOFA_KEYS): KeyRingOptions {
  if (!value) {
    throw new Error('TWOFA_KEYS is not set: use "id:key,..." with keys of at least 32 bytes (npm start writes a development ring to www/demo/.env.local)');
  }
  const pairs = value.split(',').map((pair) => pair.trim().split(/:(.*)/s).slice(0, 2) as [string, string]);
  return { current: pairs[0]![0], keys: Object.fromEntries(pairs) };
}

const global = globalThis as typeof globalThis & { twofa?: TwoFactor };

/** Created on first use (not at import, so `next build` needs no keys). */
export function twofa(): TwoFactor {
  return (global.twofa ??= createTwoFactor({
    issuer: 'twofa demo',
    keys: keysFromEnv(),
    onEvent: (event) => console.log(`[twofa] ${event.type} ${event.userId} ${JSON.stringify(event.detail)}`),
  }));
}
