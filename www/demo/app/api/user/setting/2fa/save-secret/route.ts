// Begin enrollment (or the replacement of the authenticator app): nothing is
// stored yet; the pending secret travels sealed in the enrollment token, so
// a mistyped first code never loses the QR code.
import { userAction } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (_request, user) => {
  const { uri, qrSvg, enrollmentToken } = twofa().beginEnrollment({ userId: user.id, account: user.email });
  return Response.json({ uri, qrSvg, enrollmentToken }); // the widget shows this QR code
});
