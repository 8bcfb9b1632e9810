import { redirect } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { currentActor } from '@/server/auth/current-actor';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (actor.mustChangePassword) redirect('/account/password');
  return (
    <>
      <AppHeader actor={actor} />
      <main className="main">{children}</main>
    </>
  );
}
