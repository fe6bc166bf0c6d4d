import { AuthForm } from '@/components/AuthForm';

export default function LogIn() {
  return <AuthForm mode="login" />;
}
