// On the Edge runtime: reads the login challenge cookie (a token sealed by the
// key ring) and says whether it is still pending and until when.
import { createTwoFactor, keysFromEnv, type TwoFactor } from 'twofa';

export const runtime = 'edge';

let twofa: TwoFactor | undefined;

export async function GET(request: Request) {
  twofa ??= createTwoFactor({ issuer: 'twofa demo', keys: keysFromEnv() });
  const token = /(?:^|;\s*)twofa_challenge=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  if (!token) return Response.json({ runtime: 'edge', pending: false });
  try {
    return Response.json({ runtime: 'edge', pending: true, expiresAt: twofa.readChallenge(token).expiresAt });
  } catch (error) {
    return Response.json({ runtime: 'edge', pending: false, reason: (error as { code?: string }).code ?? 'UNKNOWN' });
  }
}
