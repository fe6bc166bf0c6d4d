'use client';
// A sensitive action behind a current code (step-up): a stolen session alone cannot do it.
import { useState, type FormEvent } from 'react';
import { messageOf, post } from '../post';

export function StepUp({ label, action, onDone }: { label: string; action: string; onDone: (data: Record<string, unknown>) => void }) {
  const [message, setMessage] = useState('');
  const id = `code-${action.split('/').pop()}`;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const answer = await post(action, { code: new FormData(form).get('code') });
    if (!answer.ok) return setMessage(messageOf(answer));
    form.reset();
    setMessage('');
    onDone(answer.data);
  }
  return (
    <form onSubmit={submit} className="row" data-testid={id}>
      <label htmlFor={id}>{label}: code from your app, a backup code or an emailed code</label>
      <input id={id} name="code" autoComplete="one-time-code" required />
      <button type="submit">Confirm</button>
      <p role="alert" className="error">{message}</p>
    </form>
  );
}
