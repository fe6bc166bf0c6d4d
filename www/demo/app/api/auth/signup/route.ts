import { randomUUID } from 'node:crypto';
import { update } from '@/lib/db';
import { body, text } from '@/lib/http';
import { hashPassword } from '@/lib/password';
import { startSession } from '@/lib/session';

export async function POST(request: Request) {
  const input = await body(request);
  const email = text(input.email).trim().toLowerCase();
  const password = text(input.password);
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || password.length < 8) {
    return Response.json({ error: 'INVALID_INPUT', message: 'Use an email address and a password of at least 8 characters.' }, { status: 400 });
  }
  const passwordHash = await hashPassword(password);
  const id = await update((data) => {
    if (Object.values(data.users).some((u) => u.email === email)) return undefined;
    const user = { id: randomUUID(), email, passwordHash, sealedSecret: null, lastUsedStep: null, backupRecord: null };
    data.users[user.id] = user;
    return user.id;
  });
  if (!id) return Response.json({ error: 'EMAIL_TAKEN', message: 'An account with this email exists; sign in instead.' }, { status: 409 });
  await startSession(id);
  return Response.json({ ok: true });
}
