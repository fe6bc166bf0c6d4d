// One twofa instance for the app. Keys come from TWOFA_KEYS ("id:key,..."; the
// first is current, the others stay to open older values), read at first use
// so `next build` needs none. `npm start` writes a development ring to
// .env.local on first start and warns that production must set its own.
import { createTwoFactor, keysFromEnv, type TwoFactor, type TwoFactorEvent } from 'twofa';
import { now } from './clock';
import { emailCode, notifyEvent } from './notify';
import { sitePolicy } from './policy';
import { store } from './store';

const global = globalThis as typeof globalThis & { twofa?: TwoFactor };

/** The audit log (never secrets or codes: twofa puts none in events), then the owner's notice. */
function onEvent(event: TwoFactorEvent): Promise<void> {
  console.log(`[twofa] ${event.type} ${event.userId} ${JSON.stringify(event.detail)}`);
  return notifyEvent(event);
}

export function twofa(): TwoFactor {
  return (global.twofa ??= createTwoFactor({
    issuer: 'twofa demo',
    keys: keysFromEnv(),
    store: store(),
    now,
    // Trusted browsers, pending sign-ins and reset links die with the password.
    passwordVersion: (user) => user.passwordHash,
    // Email codes go to the address they were confirmed at: if it changed, the channel stops counting.
    channels: { email: { to: (user) => user.email, send: emailCode } },
    policy: sitePolicy,
    onEvent,
  }));
}
