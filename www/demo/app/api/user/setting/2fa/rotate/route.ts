// Re-seal the secret with the current key of TWOFA_KEYS (after adding a new first key).
import { persist } from '@/lib/db';
import { conflict } from '@/lib/http';
import { userAction } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (_request, user) => {
  const rotated = twofa().rotate({ userId: user.id, user });
  if (!(await persist(user.id, rotated))) return conflict();
  return Response.json({ ok: true, keyId: twofa().keyRing.currentKeyId });
});
