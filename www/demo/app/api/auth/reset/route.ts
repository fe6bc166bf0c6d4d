// The reset link's page posts here: the new password, and a current code
// when the account has 2FA (MFA_REQUIRED until one comes). A reset never
// turns 2FA off and never signs in; it ends every session, and the new
// password hash (the password version) kills the other links and every
// trusted browser.
import { clientOf } from '@/lib/client';
import { findUser, persist } from '@/lib/db';
import { body, conflict, invalid, optionalText, text } from '@/lib/http';
import { notifyPasswordChanged } from '@/lib/notify';
import { hashPassword } from '@/lib/password';
import { action } from '@/lib/route';
import { twofa } from '@/lib/twofa';
import type { Method } from 'twofa';

export const POST = action(async (request) => {
  const input = await body(request);
  const password = text(input.password);
  if (password.length < 8) return invalid('Choose a password of at least 8 characters.');
  // The link names its user, whose current password hash the token must match (a link for anyone else fails that check).
  const user = await findUser(text(input.user));
  const done = await twofa().completePasswordReset({
    resetToken: text(input.token), passwordVersion: user?.passwordHash ?? '', user: findUser,
    code: optionalText(input.code), method: optionalText(input.method) as Method | undefined, client: clientOf(request),
  });
  if (!user || done.userId !== user.id) return conflict();
  const passwordHash = await hashPassword(password);
  const change = { update: { ...done.update, passwordHash }, previous: { ...done.previous, passwordHash: user.passwordHash } };
  const stored = await persist(user.id, change, { endSessions: true });
  if (!stored) return conflict();
  await notifyPasswordChanged(stored.email);
  return Response.json({ ok: true });
});
