// The admin's switch for mandatory 2FA, with a grace period in days.
import { body, forbidden, invalid } from '@/lib/http';
import { writePolicy } from '@/lib/policy';
import { userAction } from '@/lib/route';

export const POST = userAction(async (request, user) => {
  if (user.role !== 'admin') return forbidden();
  const { required, graceDays } = await body(request);
  if (typeof required !== 'boolean' || !Number.isSafeInteger(graceDays) || (graceDays as number) < 0 || (graceDays as number) > 365) {
    return invalid('Send { required: true|false, graceDays: 0-365 }.');
  }
  return Response.json(await writePolicy(required, graceDays as number));
});
