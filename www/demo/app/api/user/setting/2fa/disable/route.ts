// Turning 2FA off is a sensitive action: it needs a current code (step-up).
import { update } from '@/lib/db';
import { body, failure, text, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return unauthorized();
  try {
    await twofa().verifyCode({ userId: user.id, code: text((await body(request)).code), user });
    await update((data) => {
      Object.assign(data.users[user.id]!, { sealedSecret: null, lastUsedStep: null, backupRecord: null });
    });
    return Response.json({ ok: true });
  } catch (error) {
    return failure(error);
  }
}
