// Mandatory 2FA, set by the admin: when on, every account needs a second
// factor; accounts without one may still sign in until the grace period
// (counted from when the admin turned it on) ends, with a reminder, and
// then must enroll before they get a session. twofa's `policy` option reads it.
import type { PolicyDecision } from 'twofa';
import { now } from './clock';
import { readData, update, type SitePolicy } from './db';

const DAY_MS = 86_400_000;

export async function readPolicy(): Promise<SitePolicy | null> {
  return (await readData()).policy ?? null;
}

export async function writePolicy(required: boolean, graceDays: number): Promise<SitePolicy> {
  const policy = { required, graceDays, since: now() };
  await update((data) => { data.policy = policy; });
  return policy;
}

/** What the policy says of any user (the same for everyone here; yours might depend on the role). */
export async function sitePolicy(): Promise<PolicyDecision | null> {
  const policy = await readPolicy();
  if (!policy?.required) return null;
  return { required: true, graceUntil: policy.since + policy.graceDays * DAY_MS };
}

/** The enrollment deadline the pages remind users of (null when 2FA is optional). */
export async function enrollmentDueAt(): Promise<number | null> {
  const decision = await sitePolicy();
  return typeof decision?.graceUntil === 'number' ? decision.graceUntil : null;
}
