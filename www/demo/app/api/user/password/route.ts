// Change the password (signed in, with the current one). The new hash is
// the new password version: reset links and trusted browsers issued before
// stop working, and every other session ends.
import { body, conflict, invalid, text } from '@/lib/http';
import { notifyPasswordChanged } from '@/lib/notify';
import { checkPassword, hashPassword } from '@/lib/password';
import { userAction } from '@/lib/route';
import { persistEndingOtherSessions } from '@/lib/session';

export const POST = userAction(async (request, user) => {
  const input = await body(request);
  const password = text(input.password);
  if (password.length < 8) return invalid('Choose a password of at least 8 characters.');
  if (!(await checkPassword(text(input.currentPassword), user.passwordHash))) {
    return Response.json({ error: 'BAD_CREDENTIALS', message: 'Your current password is not right.' }, { status: 401 });
  }
  const change = { update: { passwordHash: await hashPassword(password) }, previous: { passwordHash: user.passwordHash } };
  const stored = await persistEndingOtherSessions(user.id, change);
  if (!stored) return conflict();
  await notifyPasswordChanged(stored.email);
  return Response.json({ ok: true });
});
