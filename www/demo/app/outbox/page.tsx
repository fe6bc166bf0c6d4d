// Development only (TWOFA_DEMO_OUTBOX=1): the mail the demo would have sent.
// Every user's mail is here, so it must never exist in production.
import { notFound } from 'next/navigation';
import { outboxEnabled, readOutbox } from '@/lib/mail';

export const dynamic = 'force-dynamic';

export default async function OutboxPage() {
  if (!outboxEnabled()) notFound();
  const mails = await readOutbox();
  return (
    <section>
      <h1>Outbox (development)</h1>
      <p className="small">The mail the demo sent, newest first. In production, lib/mail.ts sends it with your provider instead.</p>
      {mails.length === 0 ? <p>No mail yet.</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="mail" data-testid="mail" data-to={mail.to}>
          <h2>{mail.subject}</h2>
          <p className="small">To {mail.to}, {new Date(mail.at).toLocaleString()}</p>
          <pre>{mail.text}</pre>
        </article>
      ))}
    </section>
  );
}
