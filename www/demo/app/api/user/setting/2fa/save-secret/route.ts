// Begin enrollment: nothing is stored yet; the pending secret travels sealed
// in the enrollment token, so a mistyped first code never loses the QR code.
import { unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST() {
  const user = await currentUser();
  if (!user) return unauthorized();
  const { uri, secret, qrSvg, enrollmentToken } = twofa().beginEnrollment({ userId: user.id, account: user.email });
  return Response.json({ uri, secret, qrSvg, enrollmentToken });
}
