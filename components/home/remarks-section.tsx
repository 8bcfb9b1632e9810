import { formatDateTime } from '@/domain/dates';
import { countOf, NOUNS } from '@/domain/plural';
import type { RemarkRow } from '@/server/services/control/remarks';
import { ActionButton } from '../control/action-button';
import type { ServerFormAction } from '../use-form-action';

/**
 * A teacher's open remarks on the home page (issue #13, item 2; regulation §5.6: the teacher fixes the remarks): each
 * links to the journal cell; it closes by itself once the journal is fixed, or the teacher marks it fixed.
 */
export function RemarksSection({
  remarks,
  action,
  timeZone,
}: {
  remarks: RemarkRow[];
  action: ServerFormAction;
  timeZone: string;
}) {
  return (
    <section className="panel" aria-labelledby="my-remarks">
      <h2 id="my-remarks">Замечания по ведению журнала: {countOf(remarks.length, NOUNS.remark)}</h2>
      <ul>
        {remarks.map((r) => (
          <li key={r.id} data-testid="my-remark">
            <strong>{r.ruleLabel}</strong> — {r.group}, {r.subject}: <a href={r.href}>{r.text}</a>{' '}
            <span className="muted small">
              (выдал(а) {r.issuedBy ?? '—'}
              {r.source === 'scheduled' ? ', плановая проверка,' : ''} {formatDateTime(r.issuedAt, timeZone)})
            </span>{' '}
            {r.fixedAt ? (
              <span className="badge">исправлено, ждёт подтверждения</span>
            ) : (
              <ActionButton action={action} fields={{ remarkId: r.id }} label="Исправлено" />
            )}
          </li>
        ))}
      </ul>
      <p className="muted small">Замечание закрывается само, когда нарушение устранено.</p>
    </section>
  );
}
