'use client';

import { CHANGE_LABELS } from '@/domain/timetable-changes';
import type { DatedLessonView } from '@/server/services/timetable/dates';
import { useFormAction, type ServerFormAction } from '../use-form-action';

interface Choices {
  rooms: { id: number; label: string }[];
  /** The teachers free for each planned lesson (by its key), best first, with why. */
  substitutes: Record<string, { id: number; label: string }[]>;
  pairs: number[];
}

function Reason() {
  return (
    <label>
      Причина
      <input
        type="text"
        name="reason"
        required
        minLength={3}
        maxLength={200}
        placeholder="например: болезнь преподавателя"
      />
    </label>
  );
}

function RoomSelect({ rooms, keep }: { rooms: Choices['rooms']; keep: string }) {
  return (
    <label>
      Аудитория
      <select name="toRoomId" defaultValue="">
        <option value="">{keep}</option>
        {rooms.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function ChangeForm({
  action,
  kind,
  title,
  children,
  hidden,
}: {
  action: ServerFormAction;
  kind: string;
  title: string;
  children?: React.ReactNode;
  hidden: Record<string, string>;
}) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <form {...form} className="change-form" aria-label={title}>
      <input type="hidden" name="kind" value={kind} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {messages}
      {children}
      <Reason />
      <button type="submit" disabled={pending}>
        {title}
      </button>
    </form>
  );
}

/** What the methodist can do with one lesson of a date: cancel it, move it, give it to a substitute, undo a change. */
export function LessonChanges({
  lesson,
  choices,
  action,
}: {
  lesson: DatedLessonView;
  choices: Choices;
  action: ServerFormAction;
}) {
  const where = `${lesson.subject}, ${lesson.pairNo}-я пара`;
  return (
    <>
      {lesson.changes.map((c) => (
        <details key={c.id} className="change">
          <summary>
            {CHANGE_LABELS[c.kind]}: {c.reason}
            {c.published ? '' : ' (черновик)'}
          </summary>
          <ChangeForm
            action={action}
            kind="revert"
            title={`Отменить изменение (${where})`}
            hidden={{ changeId: String(c.id) }}
          />
        </details>
      ))}
      {lesson.status === 'planned' && (
        <details className="change">
          <summary>Изменить</summary>
          <ChangeForm
            action={action}
            kind="cancel"
            title={`Отменить занятие (${where})`}
            hidden={{ targetKey: lesson.key }}
          />
          <ChangeForm action={action} kind="move" title={`Перенести (${where})`} hidden={{ targetKey: lesson.key }}>
            <label>
              На дату
              <input type="date" name="toDate" required defaultValue={lesson.date} />
            </label>
            <label>
              Пара
              <select name="toPairNo" defaultValue={lesson.pairNo}>
                {choices.pairs.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <RoomSelect rooms={choices.rooms} keep="та же аудитория" />
          </ChangeForm>
          <ChangeForm
            action={action}
            kind="substitute"
            title={`Заменить преподавателя (${where})`}
            hidden={{ targetKey: lesson.key }}
          >
            <label>
              Кто ведёт
              <select name="substituteId" required defaultValue="">
                <option value="" disabled>
                  выберите преподавателя
                </option>
                {(choices.substitutes[lesson.key] ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
          </ChangeForm>
        </details>
      )}
    </>
  );
}

/** An extra lesson of one of the group's journals on a date. */
export function ExtraLessonForm({
  journals,
  choices,
  monday,
  action,
}: {
  journals: { assignmentId: number; label: string }[];
  choices: Choices;
  monday: string;
  action: ServerFormAction;
}) {
  return (
    <details className="panel">
      <summary>Добавить занятие</summary>
      <ChangeForm action={action} kind="extra" title="Добавить занятие" hidden={{}}>
        <div className="form-row">
          <label>
            Журнал
            <select name="assignmentId">
              {journals.map((j) => (
                <option key={j.assignmentId} value={j.assignmentId}>
                  {j.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Дата
            <input type="date" name="toDate" required defaultValue={monday} />
          </label>
          <label>
            Пара
            <select name="toPairNo">
              {choices.pairs.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <RoomSelect rooms={choices.rooms} keep="без аудитории" />
        </div>
      </ChangeForm>
    </details>
  );
}

/** The drafts waiting for publication and the button that publishes them. */
export function PublishPanel({ lines, action }: { lines: string[]; action: ServerFormAction }) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <section className="panel" aria-labelledby="publish-title">
      <h2 id="publish-title">Не опубликовано: {lines.length}</h2>
      {messages}
      {lines.length > 0 && (
        <>
          <ul className="small">
            {lines.slice(0, 30).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
            {lines.length > 30 && <li>… и ещё {lines.length - 30}</li>}
          </ul>
          <form {...form}>
            <button type="submit" disabled={pending}>
              Опубликовать
            </button>
          </form>
        </>
      )}
    </section>
  );
}
