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

/** Counts one password attempt; resolves to the wait in milliseconds if over a limit, else 0. */
export async function countPasswordAttempt(email: string, client: string): Promise<number> {
  const [account, fromClient] = await Promise.all([
    store().hit(accountKey(email), PER_ACCOUNT.windowSeconds),
    store().hit(clientKey(client), PER_CLIENT.windowSeconds),
  ]);
  const waits = [
    account.count > PER_ACCOUNT.max ? account.resetInMs : 0,
    fromClient.count > PER_CLIENT.max ? fromClient.resetInMs : 0,
  ];
  return Math.max(...waits);
}

/** A right password: the account's count starts again. */
export async function passwordAccepted(email: string): Promise<void> {
  await store().reset(accountKey(email));
}
