// The app's own sign-up, before twofa: a user row and a session.
import { hashPassword, startSession } from '@/lib/auth';
import { pool } from '@/lib/db';

export async function POST(request: Request) {
  const { email, password } = (await request.json()) as { email?: string; password?: string };
  if (!email || !password) return Response.json({ error: 'BAD_REQUEST' }, { status: 400 });
  const { rows } = await pool.query<{ id: number }>(
    'INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id', [email, await hashPassword(password)],
  );
  await startSession(rows[0].id);
  return Response.json({ id: rows[0].id });
}
