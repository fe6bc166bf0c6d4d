// Password attempts, counted per account and per client before the password
// is checked. The account key is the email as typed (normalised), so an
// unknown email is counted exactly like a real one and the answers cannot
// tell them apart. A right password clears the account's count.
// The trade-off: anyone can lock an account's password step for 15 minutes
// with 5 wrong guesses. That stops guessing; a lock-out is the lesser harm.
import { store } from './store';

const PER_ACCOUNT = { max: 5, windowSeconds: 15 * 60 };
// Counts every attempt, right or wrong: generous, so an office behind one
// address is never throttled, while a credential-stuffing run is.
const PER_CLIENT = { max: 100, windowSeconds: 15 * 60 };

const accountKey = (email: string) => `demo:password:account:${email}`;
const clientKey = (client: string) => `demo:password:client:${client}`;

/**
 * Counts one password attempt; resolves to the wait in milliseconds if over a
 * limit, else 0. The client is counted first: a client over its limit never
 * creates a counter for the (made-up) accounts it tries, so it cannot fill
 * the store with them.
 */
export async function countPasswordAttempt(email: string, client: string | undefined): Promise<number> {
  if (client !== undefined) {
    const fromClient = await store().hit(clientKey(client), PER_CLIENT.windowSeconds);
    if (fromClient.count > PER_CLIENT.max) return fromClient.resetInMs;
  }
  const account = await store().hit(accountKey(email), PER_ACCOUNT.windowSeconds);
  return account.count > PER_ACCOUNT.max ? account.resetInMs : 0;
}

/** A right password: the account's count starts again. */
export async function passwordAccepted(email: string): Promise<void> {
  await store().reset(accountKey(email));
}
