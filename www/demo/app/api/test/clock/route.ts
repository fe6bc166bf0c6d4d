// Test-only: moves the demo's clock forward (the 72-hour wait of a factor
// reset). Exists only with TWOFA_DEMO_TEST_CLOCK=1; never set it in production.
import { advanceClock, testClockEnabled } from '@/lib/clock';
import { body, invalid, notFound } from '@/lib/http';
import { action } from '@/lib/route';

export const POST = action(async (request) => {
  if (!testClockEnabled()) return notFound();
  const { advanceMs } = await body(request);
  if (!Number.isSafeInteger(advanceMs) || (advanceMs as number) <= 0) return invalid('Send { advanceMs: a positive whole number }.');
  return Response.json({ offsetMs: advanceClock(advanceMs as number) });
});
