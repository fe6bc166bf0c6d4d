// New backup codes (the old ones stop working) after a step-up code.
import { update } from '@/lib/db';
import { body, failure, text, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return unauthorized();
  try {
    const check = await twofa().verifyCode({ userId: user.id, code: text((await body(request)).code), user });
    const { backupCodes, backupRecord } = twofa().regenerateBackupCodes({ userId: user.id });
    await update((data) => {
      const row = data.users[user.id]!;
      row.backupRecord = backupRecord;
      if (check.method === 'totp') row.lastUsedStep = check.lastUsedStep;
    });
    return Response.json({ backupCodes });
  } catch (error) {
    return failure(error);
  }
}
