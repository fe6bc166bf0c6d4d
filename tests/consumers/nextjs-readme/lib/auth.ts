// What the README calls "your app's own": scrypt passwords and a session
// cookie holding a random id kept in the sessions table.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { findUser, pool, type User } from './db';

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, 32, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `${salt.toString('base64url')}$${(await derive(password, salt)).toString('base64url')}`;
}

export async function checkPassword(user: User, password: string): Promise<boolean> {
  const [salt = '', hash = ''] = user.passwordHash.split('$');
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export async function startSession(userId: User['id']): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO sessions (id, user_id) VALUES ($1, $2)', [id, userId]);
  (await cookies()).set('session', id, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
}

export async function currentUser(): Promise<User | null> {
  const id = (await cookies()).get('session')?.value;
  if (!id) return null;
  const { rows } = await pool.query<{ user_id: number }>('SELECT user_id FROM sessions WHERE id = $1', [id]);
  return rows[0] ? findUser(rows[0].user_id) : null;
}
