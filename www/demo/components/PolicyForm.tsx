'use client';
// The admin's switch: require 2FA for everyone, with a grace period.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { messageOf, post } from './post';

export function PolicyForm({ required, graceDays }: { required: boolean; graceDays: number }) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const answer = await post('/api/admin/policy', { required: form.get('required') === 'on', graceDays: Number(form.get('graceDays')) });
    setMessage(answer.ok ? 'Saved.' : messageOf(answer));
    router.refresh();
  }
  return (
    <form onSubmit={submit} className="stack" data-testid="policy-form">
      <label className="check"><input type="checkbox" name="required" defaultChecked={required} /> Require two-factor authentication for every account</label>
      <label htmlFor="grace-days">Grace period (days): accounts without 2FA may sign in until it ends, then must set it up first</label>
      <input id="grace-days" name="graceDays" type="number" min={0} max={365} defaultValue={graceDays} required />
      <button type="submit">Save</button>
      <p role="status" className="ok">{message}</p>
    </form>
  );
}
