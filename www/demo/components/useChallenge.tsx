'use client';
// The sign-in in progress, as GET /api/auth/challenge describes it, and
// what the verify and enroll pages show while there is none.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, type ReactNode } from 'react';

export interface Challenge {
  pending: boolean;
  state?: 'MFA_REQUIRED' | 'ENROLLMENT_REQUIRED';
  expiresAt?: number;
  methods?: string[];
  factorResetAt?: number | null;
}

export function useChallenge(): [Challenge | undefined, (change: Partial<Challenge>) => void] {
  const [challenge, setChallenge] = useState<Challenge>();
  useEffect(() => {
    fetch('/api/auth/challenge').then((r) => r.json()).then(setChallenge, () => setChallenge({ pending: false }));
  }, []);
  return [challenge, (change) => setChallenge((old) => ({ pending: false, ...old, ...change }))];
}

/** While loading, or when no sign-in in `state` is in progress: what to show instead of the page. */
export function withoutChallenge(challenge: Challenge | undefined, state: Challenge['state']): ReactNode | null {
  if (!challenge) return <p>Loading…</p>;
  if (challenge.pending && challenge.state === state) return null;
  return <p>No sign-in is in progress. <Link href="/login">Log in</Link>.</p>;
}

/** Signed in: to the home page, with the layout re-rendered for the session. */
export function useGoHome(): () => void {
  const router = useRouter();
  return useCallback(() => { router.push('/'); router.refresh(); }, [router]);
}
