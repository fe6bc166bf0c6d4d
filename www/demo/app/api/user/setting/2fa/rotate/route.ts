// Re-seal the secret with the current key of TWOFA_KEYS (after adding a new first key).
import { persist } from '@/lib/db';
import { conflict, failure, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST() {
  const user = await currentUser();
  if (!user) return unauthorized();
  try {
    const rotated = twofa().rotate({ userId: user.id, user });
    if (!(await persist(user.id, rotated))) return conflict();
    return Response.json({ ok: true, keyId: twofa().keyRing.currentKeyId });
  } catch (error) {
    return failure(error);
  }
}
