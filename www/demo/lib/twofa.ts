// One twofa instance for the app. Keys come from TWOFA_KEYS ("id:key,..."; the
// first is current, the others stay to open older values), read at first use
// so `next build` needs none. `npm start` writes a development ring to
// .env.local on first start and warns that production must set its own.
import { createTwoFactor, keysFromEnv, type TwoFactor } from 'twofa';

export { keysFromEnv };

const global = globalThis as typeof globalThis & { twofa?: TwoFactor };

export function twofa(): TwoFactor {
  return (global.twofa ??= createTwoFactor({
    issuer: 'twofa demo',
    keys: keysFromEnv(),
    onEvent: (event) => console.log(`[twofa] ${event.type} ${event.userId} ${JSON.stringify(event.detail)}`),
  }));
}
