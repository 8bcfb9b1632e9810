import { NoticeForm } from '@/components/control/notice-form';
import { NoticeList } from '@/components/control/notice-list';
import { RefusalNotice } from '@/components/refusal-notice';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';
import { markNoticeReadAction, postNoticeAction, withdrawNoticeAction } from '../control/actions';

/** The notice board (issue #13, item 3): the posts that reach the reader; the posters write new ones here. */
export default async function NoticesPage() {
  const actor = await requireActor();
  if (!can(actor, 'notices.read')) return <RefusalNotice refusal="Недостаточно прав." />;
  const board = await pageQuery((trpc) => trpc.control.notices());
  if (!board.ok) return <RefusalNotice refusal={board.refusal} />;
  const poster = can(actor, 'notices.post');
  const choices = poster ? await pageQuery((trpc) => trpc.control.noticeChoices()) : null;
  return (
    <>
      <h1>Доска информации</h1>
      {poster && choices?.ok && (
        <section className="panel" aria-labelledby="new-notice">
          <h2 id="new-notice">Новое объявление</h2>
          <NoticeForm action={postNoticeAction} departments={choices.data.departments} groups={choices.data.groups} />
        </section>
      )}
      <section className="panel">
        <NoticeList
          notices={board.data}
          timeZone={actor.timeZone}
          readAction={markNoticeReadAction}
          withdrawAction={poster ? withdrawNoticeAction : undefined}
        />
      </section>
    </>
  );
}
