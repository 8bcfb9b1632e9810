'use client';

import { useState, type FormEvent } from 'react';
import { formatDate } from '@/domain/dates';
import { LESSON_KINDS } from '@/domain/lesson-kinds';
import { nextTopic, topicNumbers } from '@/domain/ktp';
import { lessonRefusal } from '@/domain/lesson-teacher';
import type { JournalLesson, JournalPage } from '@/server/services/journal/page';
import { trpc } from '../trpc-client';
import { countOf, NOUNS } from '@/domain/plural';
import { formText } from '../form-data';

export interface LessonDialogProps {
  page: JournalPage;
  /** null: a new lesson. */
  lesson: JournalLesson | null;
  onClose: () => void;
  onChanged: () => void;
  /** Column actions of the grid for this lesson. */
  onFill?: (lesson: JournalLesson, action: 'present' | 'value' | 'clear', value?: string) => void;
}

/** Add, edit or delete a lesson; for an existing one also the column actions (all present, fill, clear). */
export function LessonDialog({ page, lesson, onClose, onChanged, onFill }: LessonDialogProps) {
  const a = page.assignment;
  const defaultDate = page.today >= a.termStartsOn && page.today <= a.termEndsOn ? page.today : a.termStartsOn;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [fillValue, setFillValue] = useState('');
  const refusal = lesson ? lessonRefusal(page.viewerId, a.teacherUserId, lesson.taughtBy, lesson.date) : null;
  const readOnly = !page.access.canEdit || refusal !== null || (!lesson && page.access.substitute);
  // A lesson of the timetable moves or goes with the timetable (the methodist's change on a date), not here.
  const fixed = lesson?.fromTimetable ?? false;
  const removable = !readOnly && lesson !== null && !fixed && !page.access.substitute;
  // A new lesson proposes the КТП's next topic not yet taught; the teacher may pick another.
  const proposed = lesson
    ? null
    : nextTopic(
        page.ktp,
        page.lessons.map((l) => l.topic),
      );
  const [topic, setTopic] = useState(lesson?.topic ?? (proposed === null ? '' : page.ktp[proposed]!.title));
  const [kind, setKind] = useState(
    lesson?.kind ?? (proposed === null ? 'lecture' : (page.ktp[proposed]!.kind ?? 'lecture')),
  );
  const numbers = topicNumbers(page.ktp);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const pair = formText(form, 'pairNo');
    const fields = {
      assignmentId: a.id,
      date: formText(form, 'date', { trim: false }),
      pairNo: pair ? Number(pair) : null,
      hours: Number(form.get('hours') ?? 2),
      kind: formText(form, 'kind') || 'lecture',
      topic: formText(form, 'topic') || null,
      homework: formText(form, 'homework') || null,
    };
    setPending(true);
    setError(null);
    try {
      if (lesson) await trpc.journal.updateLesson.mutate({ ...fields, lessonId: lesson.id });
      else await trpc.journal.createLesson.mutate(fields);
      onChanged();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  }

  async function remove(confirm: boolean) {
    if (!lesson) return;
    setPending(true);
    setError(null);
    try {
      const result = await trpc.journal.deleteLesson.mutate({ assignmentId: a.id, lessonId: lesson.id, confirm });
      if (result.status === 'needsConfirm') setConfirmDelete(result.marks);
      else {
        onChanged();
        onClose();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={lesson ? 'Занятие' : 'Новое занятие'}
        onClick={(e) => e.stopPropagation()}
      >
        <h2>{lesson ? `Занятие ${formatDate(lesson.date)}` : 'Новое занятие'}</h2>
        {lesson && (
          <p className="muted small" data-testid="lesson-origin">
            {lesson.fromTimetable ? 'По расписанию' : 'Вне расписания (добавлено в журнале)'}
            {lesson.taughtByName ? ` · замена: провёл ${lesson.taughtByName}` : ''}
            {fixed && !readOnly ? ' · дату и пару меняет методист в расписании' : ''}
          </p>
        )}
        {refusal && page.access.canEdit && <p className="notice">{refusal[0]!.toUpperCase() + refusal.slice(1)}</p>}
        <form method="post" onSubmit={(e) => void submit(e)}>
          <fieldset disabled={readOnly || pending}>
            <div className="form-row">
              <label>
                Дата
                <input
                  type="date"
                  name="date"
                  defaultValue={lesson?.date ?? defaultDate}
                  min={a.termStartsOn}
                  max={a.termEndsOn}
                  readOnly={fixed}
                  required
                />
              </label>
              <label>
                Пара
                <input
                  type="number"
                  name="pairNo"
                  min={1}
                  max={8}
                  defaultValue={lesson?.pairNo ?? ''}
                  readOnly={fixed}
                />
              </label>
              <label>
                Часов
                <input type="number" name="hours" min={1} max={8} defaultValue={lesson?.hours ?? 2} required />
              </label>
            </div>
            {page.ktp.length > 0 && (
              <label>
                Тема из КТП
                <select
                  defaultValue={proposed === null ? '' : String(proposed)}
                  onChange={(e) => {
                    const row = page.ktp[Number(e.target.value)];
                    if (!row) return;
                    setTopic(row.title);
                    if (row.kind) setKind(row.kind);
                  }}
                >
                  <option value="">— своя тема —</option>
                  {page.ktp.map((r, i) =>
                    r.section ? (
                      <option key={i} disabled>
                        {r.title}
                      </option>
                    ) : (
                      <option key={i} value={i}>
                        {numbers[i]}. {r.title} ({r.hours} ч){i === proposed ? ' — следующая' : ''}
                      </option>
                    ),
                  )}
                </select>
              </label>
            )}
            <label>
              Вид занятия
              <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                {LESSON_KINDS.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Тема занятия
              <textarea
                name="topic"
                rows={2}
                value={topic}
                onChange={(e) => setTopic(e.target.value)}
                maxLength={500}
              />
            </label>
            <label>
              Домашнее задание
              <textarea name="homework" rows={2} defaultValue={lesson?.homework ?? ''} maxLength={500} />
            </label>
          </fieldset>
          {error && (
            <div className="error" role="alert">
              {error}
            </div>
          )}
          {confirmDelete !== null && (
            <div className="error" role="alert">
              У занятия {countOf(confirmDelete, NOUNS.filledCell)}. Удалить занятие вместе с отметками? Они останутся в
              журнале изменений.{' '}
              <button type="button" className="danger" onClick={() => void remove(true)} disabled={pending}>
                Удалить с отметками
              </button>
            </div>
          )}
          <div className="dialog-actions">
            {!readOnly && (
              <button type="submit" disabled={pending}>
                {lesson ? 'Сохранить' : 'Добавить занятие'}
              </button>
            )}
            {removable && (
              <button type="button" className="danger" onClick={() => void remove(false)} disabled={pending}>
                Удалить занятие
              </button>
            )}
            <button type="button" className="plain" onClick={onClose}>
              Закрыть
            </button>
          </div>
        </form>
        {lesson && onFill && !readOnly && lesson.date <= page.today && (
          <div className="column-actions">
            <h3>Столбец</h3>
            <button type="button" className="plain" onClick={() => (onFill(lesson, 'present'), onClose())}>
              Все присутствуют
            </button>
            <span className="fill">
              <input
                aria-label="Значение для всего столбца"
                value={fillValue}
                onChange={(e) => setFillValue(e.target.value)}
                placeholder="например, 5 или н"
              />
              <button
                type="button"
                className="plain"
                onClick={() => (onFill(lesson, 'value', fillValue), onClose())}
                disabled={!fillValue.trim()}
              >
                Заполнить столбец
              </button>
            </span>
            <button type="button" className="plain" onClick={() => (onFill(lesson, 'clear'), onClose())}>
              Очистить столбец
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
