import { Verify } from '@/components/Verify';

export default function VerifyPage() {
  return <Verify />;
}
