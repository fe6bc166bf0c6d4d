// The demo's clock. Everything time-dependent (twofa's flows, its store,
// sessions, mail) reads `now()`, so the end-to-end tests can jump over the
// 72-hour wait of a factor reset. Moving the clock exists only when the
// test-only variable TWOFA_DEMO_TEST_CLOCK=1 is set; never set it in
// production (POST /api/test/clock answers 404 without it).
const state = globalThis as typeof globalThis & { demoClockOffsetMs?: number };

export const now = (): number => Date.now() + (state.demoClockOffsetMs ?? 0);

export const testClockEnabled = (): boolean => process.env.TWOFA_DEMO_TEST_CLOCK === '1';

/** Moves the clock forward (test-only); returns the offset from real time. */
export function advanceClock(ms: number): number {
  if (!testClockEnabled()) throw new Error('the test clock is off (TWOFA_DEMO_TEST_CLOCK is not 1)');
  state.demoClockOffsetMs = (state.demoClockOffsetMs ?? 0) + ms;
  return state.demoClockOffsetMs;
}
