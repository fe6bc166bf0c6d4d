'use client';
import { useRouter } from 'next/navigation';
import { post } from './post';

export function LogoutButton() {
  const router = useRouter();
  return (
    <button type="button" className="link" onClick={async () => {
      await post('/api/auth/logout');
      router.push('/');
      router.refresh();
    }}>Log out</button>
  );
}
