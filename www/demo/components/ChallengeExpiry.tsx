'use client';
// "Valid until …", from a route on the Edge runtime: it needs no database,
// the challenge token itself says until when.
import { useEffect, useState } from 'react';

export function ChallengeExpiry() {
  const [status, setStatus] = useState<{ runtime: string; pending: boolean; expiresAt?: number }>();
  useEffect(() => {
    fetch('/api/auth/challenge-status').then((r) => r.json()).then(setStatus, () => {});
  }, []);
  if (!status?.pending || !status.expiresAt) return null;
  return (
    <p className="small" data-testid="challenge-expiry" data-runtime={status.runtime}>
      This sign-in is valid until {new Date(status.expiresAt).toLocaleTimeString()}.
    </p>
  );
}
