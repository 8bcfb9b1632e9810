import { formatDateTime } from '@/domain/dates';
import type { NoticeRow } from '@/server/services/control/notices';
import type { ServerFormAction } from '../use-form-action';
import { ActionButton } from './action-button';

/** Posts of the notice board: the text as written (line breaks kept), whom for, «Прочитано» where asked. */
export function NoticeList({
  notices,
  timeZone,
  readAction,
  withdrawAction,
}: {
  notices: NoticeRow[];
  timeZone: string;
  readAction: ServerFormAction;
  withdrawAction?: ServerFormAction;
}) {
  if (notices.length === 0) return <p className="muted">Объявлений нет.</p>;
  return (
    <>
      {notices.map((n) => (
        <article key={n.id} className="notice-post" data-testid="notice">
          <h3>{n.title}</h3>
          <p className="muted small">
            {n.author}, {formatDateTime(n.createdAt, timeZone)} · для: {n.audience}
            {n.readers !== null && n.needsRead && ` · прочитали: ${n.readers}`}
          </p>
          <div className="notice-body">{n.body}</div>
          <div className="toolbar">
            {n.needsRead &&
              (n.readAt ? (
                <span className="badge good">Прочитано {formatDateTime(n.readAt, timeZone)}</span>
              ) : (
                <ActionButton action={readAction} fields={{ noticeId: n.id }} label="Прочитано" />
              ))}
            {withdrawAction && n.mine && (
              <ActionButton action={withdrawAction} fields={{ noticeId: n.id }} label="Снять с доски" />
            )}
          </div>
        </article>
      ))}
    </>
  );
}
