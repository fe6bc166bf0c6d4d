// During the challenge: send a one-time code to a confirmed channel (email here).
import { clientOf } from '@/lib/client';
import { challengeToken } from '@/lib/cookies';
import { findUser } from '@/lib/db';
import { body, signInAgain } from '@/lib/http';
import { action } from '@/lib/route';
import { twofa } from '@/lib/twofa';
import type { Channel } from 'twofa';

export const POST = action(async (request) => {
  const token = await challengeToken();
  if (!token) return signInAgain();
  const { channel } = await body(request);
  // twofa refuses anything but a channel this user confirmed; the answer is { channel, expiresAt, resendAt }.
  return Response.json(await twofa().sendCode({ challengeToken: token, channel: channel as Channel, user: findUser, client: clientOf(request) }));
});
