// The emailed code typed back makes email a factor: a fallback during
// sign-in, or the only one. An account that already has 2FA also gives a
// current code, so a stolen session cannot add a way in; other sessions end.
import { clientOf } from '@/lib/client';
import { body, conflict, optionalText, text } from '@/lib/http';
import { userAction } from '@/lib/route';
import { persistEndingOtherSessions } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (request, user) => {
  const input = await body(request);
  const added = await twofa().confirmChannel({
    userId: user.id, channel: 'email', user, code: text(input.code), currentCode: optionalText(input.currentCode), client: clientOf(request),
  });
  const stored = await persistEndingOtherSessions(user.id, added);
  if (!stored) return conflict();
  // Email as the first factor comes with backup codes: shown once, here.
  return Response.json({ ok: true, backupCodes: added.backupCodes ?? [] });
});
