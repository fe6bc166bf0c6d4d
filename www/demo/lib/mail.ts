// The demo's mailer. There is no mail server here: with TWOFA_DEMO_OUTBOX=1
// (`npm start` and the tests set it) each message is printed to the server
// log and kept for the local outbox page (/outbox). Without it sending
// fails, so one-time codes and reset links never end up in a production
// log. In your app, replace `sendMail` with your mail provider.
import { now } from './clock';
import { readData, update, type Mail } from './db';

const KEEP = 200;

export const outboxEnabled = (): boolean => process.env.TWOFA_DEMO_OUTBOX === '1';

export async function sendMail({ to, subject, text }: Pick<Mail, 'to' | 'subject' | 'text'>): Promise<void> {
  if (!outboxEnabled()) {
    throw new Error('no mailer: set TWOFA_DEMO_OUTBOX=1 for the development outbox, or send with your provider in lib/mail.ts');
  }
  console.log(`[mail] to ${to}: ${subject}\n${text}`);
  await update((data) => {
    const outbox = (data.outbox ??= []);
    outbox.push({ id: (outbox.at(-1)?.id ?? 0) + 1, at: now(), to, subject, text });
    outbox.splice(0, Math.max(0, outbox.length - KEEP));
  });
}

/** The messages sent, newest first. */
export async function readOutbox(): Promise<Mail[]> {
  return [...((await readData()).outbox ?? [])].reverse();
}
