import Link from 'next/link';
import { AccessIssuer } from '@/components/groups/access-issuer';
import { requireActor } from '@/server/auth/current-actor';
import { RefusalNotice } from '@/components/refusal-notice';
import { parseId } from '@/domain/ids';
import { pageQuery } from '@/server/trpc/caller';

export default async function GroupAccessPage({ params }: { params: Promise<{ groupId: string }> }) {
  const groupId = parseId((await params).groupId);
  await requireActor();
  if (!groupId) return <RefusalNotice refusal="Неверный номер группы." />;
  const result = await pageQuery((trpc) => trpc.access.group({ groupId }));
  if (!result.ok) return <RefusalNotice refusal={result.refusal} forbidden="Нет доступа к этой группе." />;
  const access = result.data;
  return (
    <>
      <h1>Доступ студентов и родителей группы {access.group.name}</h1>
      <p className="muted">
        Куратор выдаёт студентам и родителям логины и временные пароли (Положение, §4.2). Повторная выдача заменяет
        пароль. <Link href={`/groups/${groupId}`}>← к группе</Link>
      </p>
      <AccessIssuer access={access} />
    </>
  );
}
