// Codes by email: send a code to the account's address, to confirm it as a factor.
import { clientOf } from '@/lib/client';
import { userAction } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (request, user) => {
  return Response.json(await twofa().sendChannelCode({ userId: user.id, channel: 'email', user, client: clientOf(request) }));
});
