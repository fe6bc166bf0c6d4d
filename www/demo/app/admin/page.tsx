import { notFound, redirect } from 'next/navigation';
import { PolicyForm } from '@/components/PolicyForm';
import { readPolicy } from '@/lib/policy';
import { currentUser } from '@/lib/session';

export default async function AdminPage() {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (user.role !== 'admin') notFound();
  const policy = await readPolicy();
  return (
    <section>
      <h1>Admin</h1>
      <p className="small">You are the admin because you created the first account.</p>
      <PolicyForm required={policy?.required ?? false} graceDays={policy?.graceDays ?? 7} />
    </section>
  );
}
