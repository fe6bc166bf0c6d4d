import { redirect } from 'next/navigation';
import { Settings } from '@/components/settings/Settings';
import { enrollmentDueAt } from '@/lib/policy';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export default async function SettingsPage() {
  const user = await currentUser();
  if (!user) redirect('/login');
  return <Settings email={user.email} status={twofa().status(user)} enrollmentDueAt={await enrollmentDueAt()} />;
}
