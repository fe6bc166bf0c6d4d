'use client';
// "Forgot your password?": the same answer whether or not the address has an account.
import { useState, type FormEvent } from 'react';
import { messageOf, post } from './post';

export function ForgotPassword() {
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const answer = await post('/api/auth/forgot', { email: new FormData(event.currentTarget).get('email') });
    setError(answer.ok ? '' : messageOf(answer));
    setMessage(answer.ok ? messageOf(answer) : '');
  }
  return (
    <section>
      <h1>Forgot your password?</h1>
      <form onSubmit={submit} className="stack">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <button type="submit">Send me a link</button>
        <p role="status" className="ok" data-testid="forgot-answer">{message}</p>
        <p role="alert" className="error">{error}</p>
      </form>
    </section>
  );
}
