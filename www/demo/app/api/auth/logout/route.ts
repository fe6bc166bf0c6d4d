import { action } from '@/lib/route';
import { endSession } from '@/lib/session';

export const POST = action(async () => {
  await endSession();
  return Response.json({ ok: true });
});
