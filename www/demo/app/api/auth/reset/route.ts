// The reset link's page posts here: the new password, and a current code
// when the account has 2FA (MFA_REQUIRED until one comes). A reset never
// turns 2FA off and never signs in; it ends every session, and the new
// password hash (the password version) kills the other links and every
// trusted browser.
import { clientOf } from '@/lib/client';
import { findUser, persist } from '@/lib/db';
import { body, conflict, invalid, linkExpired, optionalText, text } from '@/lib/http';
import { notifyPasswordChanged } from '@/lib/notify';
import { hashPassword } from '@/lib/password';
import { action } from '@/lib/route';
import { twofa } from '@/lib/twofa';
import type { Method } from 'twofa';

export const POST = action(async (request) => {
  const input = await body(request);
  const password = text(input.password);
  if (password.length < 8) return invalid('Choose a password of at least 8 characters.');
  const resetToken = text(input.token);
  // Whose link it is (TOKEN_EXPIRED if it is no link of ours), then that user's row.
  const user = await findUser(twofa().readPasswordReset(resetToken).userId);
  if (!user) return linkExpired();
  const done = await twofa().completePasswordReset({
    resetToken, user, code: optionalText(input.code), method: optionalText(input.method) as Method | undefined, client: clientOf(request),
  });
  const passwordHash = await hashPassword(password);
  const change = { update: { ...done.update, passwordHash }, previous: { ...done.previous, passwordHash: user.passwordHash } };
  const stored = await persist(user.id, change, { endSessions: true });
  if (!stored) return conflict();
  await notifyPasswordChanged(stored.email);
  return Response.json({ ok: true });
});
