/**
 * TWOFA_KEYS, the application keys as one environment variable:
 * `id:key[,id:key...]`, the current key (the one new values are sealed with)
 * first, older keys after it so that what they sealed still opens.
 * @internal
 * @module
 */
import type { KeyRingOptions } from 'twofa';
import { UsageError } from './args.js';

export const KEYS_VARIABLE = 'TWOFA_KEYS';

/** The keys of TWOFA_KEYS in their order (current first), or `undefined` when it is unset or empty. */
export function keysFromEnvironment(env: Record<string, string | undefined>): [id: string, key: string][] | undefined {
  const text = env[KEYS_VARIABLE]?.trim();
  if (!text) return undefined;
  const entries = text.split(',').filter((item) => item.trim()).map((item, index): [string, string] => {
    const colon = item.indexOf(':');
    const id = item.slice(0, colon).trim();
    const key = item.slice(colon + 1).trim();
    if (colon < 0 || !id || !key) {
      throw new UsageError(`${KEYS_VARIABLE}: item ${index + 1} is not id:key; expected id:key[,id:key...] with the current key first, e.g. ${KEYS_VARIABLE}=k2:<new key>,k1:<old key>`);
    }
    return [id, key];
  });
  const ids = entries.map(([id]) => id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new UsageError(`${KEYS_VARIABLE}: key id ${repeated} appears twice; each id names one key`);
  return entries;
}

/** The key ring options for these entries: the first is current. */
export function ringOptions(entries: [id: string, key: string][]): KeyRingOptions {
  return { current: entries[0]![0], keys: Object.fromEntries(entries) };
}

/** `TWOFA_KEYS=id:key,...` in this order. */
export function keysLine(entries: [id: string, key: string][]): string {
  return `${KEYS_VARIABLE}=${entries.map(([id, key]) => `${id}:${key}`).join(',')}`;
}
