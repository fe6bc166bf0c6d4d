import { failure, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function GET() {
  const user = await currentUser();
  if (!user) return unauthorized();
  try {
    return Response.json({ email: user.email, ...twofa().status(user) });
  } catch (error) {
    return failure(error);
  }
}
