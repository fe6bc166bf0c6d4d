/**
 * The server flows: everything between "the password was right" and "the
 * user is in", and the management of a user's second factor. Each flow lives
 * in its own module over one shared guard (./guard.ts).
 * @module
 */
import { TwoFactorError } from '../errors.js';
import type { KeyRingOptions } from '../keyring.js';
import { confirmChannel, sendChannelCode, sendCode } from './channels.js';
import { readConfig } from './config.js';
import type { Context } from './context.js';
import { forgetDevices } from './devices.js';
import { beginEnrollment, confirmEnrollment } from './enrollment.js';
import { Factors } from './factors.js';
import { Guard } from './guard.js';
import { afterPassword, readChallenge, startChallenge, verifyChallenge, verifyCode } from './login.js';
import { disable, regenerateBackupCodes, rotate, status } from './manage.js';
import { importBackupCodes, importSecret } from './migration.js';
import { readUser } from './records.js';
import { completePasswordReset, readPasswordReset, requestFactorReset, startPasswordReset } from './recovery.js';
import { options, str, userIdOf } from '../checks.js';
import type { TwoFactor, TwoFactorConfig } from './types.js';

export type * from './types.js';

/**
 * Everything between "the password was right" and "the user is in".
 * Creating it never fails for a key that is not set yet (keys are read at
 * first use); every other option is checked now.
 *
 * @example
 * ```ts
 * import { createTwoFactor, keysFromEnv } from 'twofa';
 * export const twofa = createTwoFactor({ issuer: 'Acme', keys: keysFromEnv() }); // TWOFA_KEYS=k1:<key>
 * // login:      const next = await twofa.afterPassword({ userId, user, passwordVersion, deviceToken, client });
 * // verify-2fa: const result = await twofa.verifyChallenge({ challengeToken, code, user: loadUser, client });
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION` for a bad configuration.
 */
export function createTwoFactor(config: TwoFactorConfig): TwoFactor {
  const settings = readConfig(config);
  const guard = new Guard(settings);
  const ctx: Context = { settings, guard, factors: new Factors(settings, guard), ring: settings.keyRing };
  return {
    get keyRing() {
      return ctx.ring();
    },
    afterPassword: (opts) => afterPassword(ctx, opts),
    startChallenge: (opts) => startChallenge(ctx, opts),
    readChallenge: (token) => readChallenge(ctx, token),
    verifyChallenge: (opts) => verifyChallenge(ctx, opts),
    verifyCode: (opts) => verifyCode(ctx, opts),
    sendCode: (opts) => sendCode(ctx, options('sendCode', opts, ['challengeToken', 'resetToken', 'channel', 'user', 'client'])),
    beginEnrollment: (opts) => beginEnrollment(ctx, opts),
    confirmEnrollment: (opts) => confirmEnrollment(ctx, opts),
    sendChannelCode: (opts) => sendChannelCode(ctx, options('sendChannelCode', opts, ['userId', 'channel', 'user', 'client'])),
    confirmChannel: (opts) => confirmChannel(ctx, options('confirmChannel', opts, ['userId', 'channel', 'code', 'user', 'currentCode', 'client'])),
    regenerateBackupCodes: (opts) => regenerateBackupCodes(ctx, opts),
    disable: (opts) => disable(ctx, opts),
    forgetDevices: (opts) => {
      const o = options('forgetDevices', opts, ['userId', 'user']);
      return forgetDevices(ctx, userIdOf(o.userId), readUser(o.user));
    },
    status: (user) => status(ctx, user),
    rotate: (opts) => rotate(ctx, opts),
    startPasswordReset: (opts) => startPasswordReset(ctx, opts),
    readPasswordReset: (token) => readPasswordReset(ctx, token),
    completePasswordReset: (opts) => completePasswordReset(ctx, opts),
    requestFactorReset: (opts) => requestFactorReset(ctx, opts),
    importSecret: (opts) => importSecret(ctx, opts),
    importBackupCodes: (opts) => importBackupCodes(ctx, opts),
  };
}

/**
 * Key ring options from an environment variable, read at first use:
 * `id:key[,id:key...]`, the first key current (new values are sealed with
 * it), the others kept to open older values. `npx twofa keygen` prints one.
 *
 * @example
 * ```ts
 * const twofa = createTwoFactor({ issuer: 'Acme', keys: keysFromEnv() }); // TWOFA_KEYS=k1:3q2-…
 * ```
 */
export function keysFromEnv(variable = 'TWOFA_KEYS'): () => KeyRingOptions {
  const name = str('variable', variable);
  if (name === '') throw new TwoFactorError('INVALID_OPTION', 'invalid option `variable`: the name of an environment variable, such as TWOFA_KEYS');
  return () => {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name]?.trim();
    if (!value) {
      throw new TwoFactorError(
        'KEY_NOT_FOUND',
        `${name} is not set: set it to "k1:<32 or more random bytes>" (\`npx twofa keygen\` prints the line to paste)`,
      );
    }
    const pairs = value.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
      const colon = pair.indexOf(':');
      if (colon < 1) {
        throw new TwoFactorError('KEY_NOT_FOUND', `${name} is not in the form "id:key,id:key" (the first key is current); \`npx twofa keygen\` prints one`);
      }
      return [pair.slice(0, colon), pair.slice(colon + 1)] as const;
    });
    return { current: pairs[0]![0], keys: Object.fromEntries(pairs) };
  };
}
