import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { AccessIssuer } from '@/components/groups/access-issuer';
import { requireActor } from '@/server/auth/current-actor';
import { serverCaller } from '@/server/trpc/caller';

export default async function GroupAccessPage({ params }: { params: Promise<{ groupId: string }> }) {
  const groupId = Number((await params).groupId);
  await requireActor();
  try {
    const access = await (await serverCaller()).access.group({ groupId });
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
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST')) {
      return (
        <div className="error" role="alert">
          Нет доступа к этой группе.
        </div>
      );
    }
    throw error;
  }
}
