import Link from 'next/link';
import { InstitutionsAdmin } from '@/components/admin/institutions-admin';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function RegionPage() {
  const actor = await requireActor();
  if (!can(actor, 'institutions.manage'))
    return <div className="error">Недостаточно прав: страница регионального администратора.</div>;
  const institutions = await (await serverCaller()).institutions.list();
  return (
    <>
      <h1>Колледжи региона</h1>
      <p className="muted">
        Каждый колледж видит только свои данные. Региональный администратор создаёт колледж и его первого
        администратора; персональных данных колледжей он не видит.{' '}
        <Link href="/region/indicators">Показатели колледжей</Link> — сводные цифры каждого колледжа.
      </p>
      <InstitutionsAdmin institutions={institutions} />
    </>
  );
}
