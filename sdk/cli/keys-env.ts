/**
 * TWOFA_KEYS, the application keys as one environment variable, read by the
 * SDK's `keysFromEnv()`: `id:key[,id:key...]`, the current key (the one new
 * values are sealed with) first, older keys after it so that what they
 * sealed still opens.
 * @internal
 * @module
 */
import { keysFromEnv, type KeyRingOptions } from 'twofa';

export const KEYS_VARIABLE = 'TWOFA_KEYS';

/** The keys in TWOFA_KEYS as `keysFromEnv()` reads them, or `undefined` when it is unset or empty. */
export function keysFromEnvironment(): KeyRingOptions | undefined {
  return process.env[KEYS_VARIABLE]?.trim() ? keysFromEnv(KEYS_VARIABLE)() : undefined;
}

/** The key ids, the current one first. */
export function keyIds({ current, keys }: KeyRingOptions): string[] {
  return [current, ...Object.keys(keys).filter((id) => id !== current)];
}

/** `TWOFA_KEYS=id:key,...`, the current key first. */
export function keysLine(ring: KeyRingOptions): string {
  return `${KEYS_VARIABLE}=${keyIds(ring).map((id) => `${id}:${ring.keys[id]}`).join(',')}`;
}
