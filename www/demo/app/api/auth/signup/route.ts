// Sign up: a new account (the first one is the admin), signed in at once.
import { randomUUID } from 'node:crypto';
import { update, type User } from '@/lib/db';
import { body, invalid, normalEmail, text } from '@/lib/http';
import { hashPassword } from '@/lib/password';
import { action } from '@/lib/route';
import { startSession } from '@/lib/session';

export const POST = action(async (request) => {
  const input = await body(request);
  const email = normalEmail(input.email);
  const password = text(input.password);
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || password.length < 8) {
    return invalid('Use an email address and a password of at least 8 characters.');
  }
  const passwordHash = await hashPassword(password);
  const user = await update((data) => {
    const users = Object.values(data.users);
    if (users.some((u) => u.email === email)) return undefined;
    const row: User = { id: randomUUID(), email, passwordHash, sessionVersion: 0, sealedSecret: null, lastUsedStep: null, backupRecord: null };
    if (users.length === 0) row.role = 'admin';
    data.users[row.id] = row;
    return row;
  });
  if (!user) return Response.json({ error: 'EMAIL_TAKEN', message: 'An account with this email exists; sign in instead.' }, { status: 409 });
  await startSession(user);
  return Response.json({ ok: true });
});
