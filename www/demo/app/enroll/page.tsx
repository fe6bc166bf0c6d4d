import { ForcedEnroll } from '@/components/ForcedEnroll';

export default async function EnrollPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  return <ForcedEnroll reason={(await searchParams).reason ?? ''} />;
}
