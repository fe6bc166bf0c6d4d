// Passwords hashed with scrypt (N = 2^15, r = 8, p = 1) and a random salt.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, 32, PARAMS, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${(await derive(password, salt)).toString('base64url')}`;
}

async function matches(password: string, stored: string): Promise<boolean> {
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  return timingSafeEqual(await derive(password, Buffer.from(salt, 'base64url')), Buffer.from(hash, 'base64url'));
}

const state = globalThis as typeof globalThis & { demoDummyHash?: Promise<string> };

/**
 * Whether `password` is the user's. For an unknown email (no hash) it still
 * runs scrypt, against a hash of a random password, and says no: the answer
 * takes as long as for a real account, so timing does not reveal which
 * emails have one.
 */
export async function checkPassword(password: string, stored: string | undefined): Promise<boolean> {
  const dummy = (state.demoDummyHash ??= hashPassword(randomBytes(16).toString('hex')));
  const ok = await matches(password, stored ?? (await dummy));
  return ok && stored !== undefined;
}
