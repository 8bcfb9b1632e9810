import { AppHeader } from './app-header';
import { requireActor } from '@/server/auth/current-actor';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <AppHeader actor={actor} />
      <main className="main">{children}</main>
    </>
  );
}
