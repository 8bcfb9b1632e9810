'use client';

import { useEffect, useState } from 'react';
import { formatDate } from '@/domain/dates';
import { CHANGE_LABELS, WARNING_PREFIX } from '@/domain/timetable-changes';
import type { DatedLessonView } from '@/server/services/timetable/dates';
import type { PublishPreview } from '@/server/services/timetable/publish';
import { trpc } from '../trpc-client';
import { useFormAction, type ServerFormAction } from '../use-form-action';

interface Choices {
  rooms: { id: number; label: string }[];
  /** The teachers free for each planned lesson (by its key), best first, with why and the warning one brings. */
  substitutes: Record<string, { id: number; label: string; warning: string | null }[]>;
  pairs: number[];
}

/** The box that confirms a warning that does not block (issue #26, item 5b): the change is saved with the warning. */
function ConfirmWarning({ warning }: { warning: string | null }) {
  return (
    <div className="warning-confirm" role="group" aria-label="Предупреждение">
      {warning && <p className="small">⚠ {warning}</p>}
      <label className="check">
        <input type="checkbox" name="confirmWarnings" required /> Подтверждаю предупреждение: сохранить изменение
        вопреки ему (оно останется в изменении и в вычитке часов)
      </label>
    </div>
  );
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
  const { form, pending, messages, state } = useFormAction(action);
  // A refusal for a warning that does not block: the form asks to confirm it, and sends the confirmation with it.
  const warned = state !== null && !state.ok && state.error.startsWith(WARNING_PREFIX);
  return (
    <form {...form} className="change-form" aria-label={title}>
      <input type="hidden" name="kind" value={kind} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {messages}
      {children}
      {warned && <ConfirmWarning warning={null} />}
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
          {c.warnings.length > 0 && (
            <p className="small warn-text">⚠ Сохранено вопреки предупреждению: {c.warnings.join('; ')}</p>
          )}
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
            <SubstituteField candidates={choices.substitutes[lesson.key] ?? []} />
          </ChangeForm>
        </details>
      )}
    </>
  );
}

/** Who takes the lesson; a teacher marked unavailable then shows the warning and asks to confirm it before saving. */
function SubstituteField({ candidates }: { candidates: Choices['substitutes'][string] }) {
  const [chosen, setChosen] = useState('');
  const warning = candidates.find((t) => String(t.id) === chosen)?.warning ?? null;
  return (
    <>
      <label>
        Кто ведёт
        <select name="substituteId" required value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="" disabled>
            выберите преподавателя
          </option>
          {candidates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {warning && <ConfirmWarning warning={warning} />}
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

/**
 * The drafts waiting for publication and the publish step (issue #26, item 5a): the date the timetable takes effect
 * from (default: the coming Monday), what it will create in each journal before anything is created, and — only when
 * asked — the weeks already past.
 */
export function PublishPanel({
  lines,
  action,
  initial,
}: {
  lines: string[];
  action: ServerFormAction;
  /** The preview of the default date, made with the page. */
  initial: PublishPreview | null;
}) {
  // The date typed, or null for the default: the date of the page's latest preview (the coming Monday). The page
  // sends its preview only while drafts wait, so a panel mounted with none gets its default with the first draft.
  const [chosen, setChosen] = useState<string | null>(null);
  const [fillPast, setFillPast] = useState(false);
  const { form, pending, messages } = useFormAction(action, () => {
    // Published: the next publication starts from the default date again, the past not filled unless asked anew.
    setChosen(null);
    setFillPast(false);
  });
  const from = chosen ?? initial?.effectiveFrom ?? '';
  // A preview belongs to the date, the box and the drafts it was made for (a new draft asks again).
  const keyOf = (date: string, past: boolean, drafts: readonly string[]) =>
    `${date}|${past}|${drafts.length}|${drafts.at(-1) ?? ''}`;
  const asked = keyOf(from, fillPast, lines);
  const [fetched, setFetched] = useState<{ for: string; data: PublishPreview } | { for: string; error: string } | null>(
    null,
  );
  const made =
    initial &&
    keyOf(
      initial.effectiveFrom,
      false,
      initial.lines.map((l) => l.text),
    ) === asked
      ? { for: asked, data: initial }
      : null;
  const shown = fetched?.for === asked ? fetched : made;
  const known = shown !== null;
  useEffect(() => {
    if (!from || lines.length === 0 || known) return;
    let live = true;
    trpc.timetable.publishPreview
      .query({ effectiveFrom: from, fillPast })
      .then((data) => live && setFetched({ for: asked, data }))
      .catch((e: unknown) => live && setFetched({ for: asked, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [asked, from, fillPast, lines.length, known]);
  const today = initial?.today ?? '';
  const past = from !== '' && today !== '' && from < today;
  return (
    <section className="panel" aria-labelledby="publish-title">
      <h2 id="publish-title">Не опубликовано: {lines.length}</h2>
      {messages}
      {lines.length > 0 && (
        <>
          <p className="small muted">
            Занятия шаблона и изменения — черновик: преподаватели, студенты и родители их не видят, а журналы не
            получают занятий, пока расписание не опубликовано.
          </p>
          <ul className="small">
            {lines.slice(0, 30).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
            {lines.length > 30 && <li>… и ещё {lines.length - 30}</li>}
          </ul>
          <form {...form} aria-label="Публикация расписания">
            <div className="form-row">
              <label>
                Действует с{' '}
                <input
                  type="date"
                  name="effectiveFrom"
                  required
                  value={from}
                  onChange={(e) => setChosen(e.target.value)}
                />
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  name="fillPast"
                  checked={fillPast}
                  onChange={(e) => setFillPast(e.target.checked)}
                />{' '}
                также заполнить прошедшие недели{past ? ` с ${formatDate(from)}` : ' (если дата уже прошла)'}
              </label>
            </div>
            {past && !fillPast && (
              <p className="error" role="alert">
                {formatDate(from)} — дата прошла: занятия прошедших недель создаются, только если отмечено «также
                заполнить прошедшие недели».
              </p>
            )}
            <div aria-live="polite" data-testid="publish-preview">
              {shown && 'error' in shown && <p className="error">{shown.error}</p>}
              {shown && 'data' in shown && (
                <>
                  <p className="small">
                    <strong>Будет сделано в журналах</strong> (расписание действует с{' '}
                    {formatDate(shown.data.effectiveFrom)}; прошедшие недели до этой даты не заполняются):
                  </p>
                  <ul className="small">
                    {shown.data.journals.map((j) => (
                      <li key={j.assignmentId}>{j.text}</li>
                    ))}
                    {shown.data.journals.length === 0 && <li>занятия журналов не меняются</li>}
                  </ul>
                </>
              )}
            </div>
            <button type="submit" disabled={pending || (past && !fillPast)}>
              Опубликовать
            </button>
          </form>
        </>
      )}
    </section>
  );
}
