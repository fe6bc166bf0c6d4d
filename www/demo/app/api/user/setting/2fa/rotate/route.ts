// Re-seal the secret with the current key of TWOFA_KEYS (after adding a new first key).
import { update } from '@/lib/db';
import { failure, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST() {
  const user = await currentUser();
  if (!user) return unauthorized();
  try {
    const { sealedSecret } = twofa().rotate({ userId: user.id, user });
    await update((data) => { data.users[user.id]!.sealedSecret = sealedSecret; });
    return Response.json({ ok: true, keyId: twofa().keyRing.currentKeyId });
  } catch (error) {
    return failure(error);
  }
}
