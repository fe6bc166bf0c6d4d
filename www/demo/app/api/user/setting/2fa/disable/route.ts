// Turning 2FA off is a sensitive action: it needs a current code (step-up).
import { persist } from '@/lib/db';
import { body, conflict, failure, text, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return unauthorized();
  try {
    const off = await twofa().disable({ userId: user.id, code: text((await body(request)).code), user });
    return (await persist(user.id, off)) ? Response.json({ ok: true }) : conflict();
  } catch (error) {
    return failure(error);
  }
}
