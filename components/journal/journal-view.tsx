'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatDate, formatDateTime } from '@/domain/dates';
import { useCollegeToday } from '../use-college-today';
import { enrolledOn } from '@/domain/cell-edit';
import { formatCell, parseCellInput } from '@/domain/marks';
import { heldHours } from '@/domain/journal-stats';
import { countOf, NOUNS, plural } from '@/domain/plural';
import type { JournalLesson, JournalPage, JournalPageWire } from '@/server/services/journal/page';
import { unpackCells } from '@/domain/journal-cells';
import { trpc } from '../trpc-client';
import { GrantPanel } from './grant-panel';
import { HistoryPanel } from './history-panel';
import { JournalGrid } from './journal-grid';
import { LessonDialog } from './lesson-dialog';
import { useJournalModel, type CellTarget, type Edit } from './use-journal-model';

export function JournalView({
  page: served,
  focus,
}: {
  page: JournalPageWire;
  focus?: { lessonId: number | null; studentId: number | null };
}) {
  const router = useRouter();
  const cells = useMemo(() => unpackCells(served.cells), [served.cells]);
  // «Today» moves on at the college's midnight while the page stays open: future lessons open, the hatching follows.
  const today = useCollegeToday(served.timeZone, served.today);
  const page: JournalPage = useMemo(() => ({ ...served, cells, today }), [served, cells, today]);
  const model = useJournalModel(page);
  const { store, status, conflicts, problems, setProblems, apply, resolveConflict, flush, describe } = model;
  const [lessonDialog, setLessonDialog] = useState<{ lesson: JournalLesson | null } | null>(null);
  const [focused, setFocused] = useState<CellTarget | null>(null);
  const [history, setHistory] = useState<CellTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const a = page.assignment;

  const report = useCallback((message: string) => setProblems([{ key: `r-${Date.now()}`, message }]), [setProblems]);
  const refresh = useCallback(() => router.refresh(), [router]);
  const openLesson = useCallback((lesson: JournalLesson) => setLessonDialog({ lesson }), []);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(t);
  }, [notice]);

  const fillColumn = useCallback(
    (lesson: JournalLesson, action: 'present' | 'value' | 'clear', value?: string) => {
      const edits: Edit[] = [];
      for (const s of page.students) {
        if (!enrolledOn(s.spans, lesson.date)) continue;
        const current = store.cell(lesson.id, s.id).value;
        let text: string;
        if (action === 'clear') text = '';
        else if (action === 'value') text = value ?? '';
        else {
          const absent = page.attendanceCodes.find((c) => c.code === current.attendance)?.isAbsence;
          if (!absent) continue;
          text = formatCell({ attendance: null, grade1: current.grade1, grade2: current.grade2 });
        }
        edits.push({ studentId: s.id, lessonId: lesson.id, text });
      }
      if (action === 'value' && !parseCellInput(value ?? '', page.attendanceCodes).ok) {
        report(`Столбец ${formatDate(lesson.date)}: «${value}» — не отметка`);
        return;
      }
      if (apply(edits, 'fill'))
        setNotice(
          action === 'present'
            ? 'Отмечено: все присутствуют'
            : action === 'clear'
              ? 'Столбец очищен'
              : 'Столбец заполнен',
        );
    },
    [apply, page.attendanceCodes, page.students, report, store],
  );

  async function undo() {
    await flush();
    try {
      const result = await trpc.journal.undo.mutate({ assignmentId: a.id });
      if (result.status === 'nothing') {
        setNotice('Нечего отменять: ваших изменений в этом журнале нет');
        return;
      }
      for (const c of result.cells) store.replace(c.lessonId, c.studentId, c, c.version);
      for (const x of result.attestation) store.replaceAttestation(x.studentId, x.field, x.value, x.version);
      setNotice(`Отменено: ${countOf(result.cells.length + result.attestation.length, NOUNS.change)}`);
      setProblems(result.refused.map((m, i) => ({ key: `u-${i}`, message: `Не отменено: ${m}` })));
    } catch (e) {
      report(e instanceof Error ? e.message : String(e));
    }
  }

  const waiting =
    status.state === 'saved'
      ? ''
      : `${countOf(status.pending, NOUNS.change)} ${plural(status.pending, NOUNS.waits)} отправки`;
  const statusText =
    status.state === 'saved'
      ? 'Сохранено'
      : status.state === 'saving'
        ? 'Сохранение…'
        : status.state === 'offline'
          ? `Нет связи — ${waiting}`
          : `Сеанс завершён — войдите снова, ${waiting}`;

  return (
    <div className="journal">
      <div className="journal-head">
        <div>
          <h1>
            {a.itemCode} {a.itemName}
          </h1>
          <p className="muted">
            Группа {a.groupName}
            {a.subgroupName ? ` (${a.subgroupName})` : ''} · {a.termName} · преподаватель {a.teacherName} · план{' '}
            {a.plannedHours} ч, проведено {heldHours(page.lessons, page.cells, page.today)} ч
          </p>
        </div>
        <div className={`save-status ${status.state}`} role="status" data-testid="save-status">
          {statusText}
          {status.state === 'signedOut' && (
            <>
              {' '}
              <a href={`/login?callbackUrl=${encodeURIComponent(`/journals/${a.id}`)}`} data-testid="sign-in-again">
                Войти
              </a>
            </>
          )}
        </div>
      </div>

      {!page.access.canEdit && <div className="notice">{page.access.reason}</div>}
      {page.access.canEdit && page.access.substitute && (
        <div className="notice" data-testid="substitute-notice">
          Вы замещали в этом журнале: заполняете{' '}
          {page.lessons
            .filter((l) => l.taughtBy === page.viewerId)
            .map((l) => formatDate(l.date))
            .join(', ')}
          ; остальное — только просмотр.
        </div>
      )}
      {page.access.grant && (
        <div className="notice">
          Журнал открыт для исправлений до {formatDateTime(page.access.grant.validUntil, page.timeZone)}:{' '}
          {page.access.grant.reason}
        </div>
      )}
      {page.access.canUnlock && (a.termLocked || a.yearClosed) && <GrantPanel page={page} onChanged={refresh} />}

      <div className="toolbar">
        {page.access.canEdit && (
          <>
            {!page.access.substitute && (
              <button type="button" onClick={() => setLessonDialog({ lesson: null })}>
                Добавить занятие
              </button>
            )}
            <button type="button" className="plain" onClick={() => void undo()}>
              Отменить
            </button>
          </>
        )}
        <button type="button" className="plain" disabled={!focused} onClick={() => setHistory(focused)}>
          История ячейки
        </button>
        <a href={`/journals/${a.id}/ktp`}>КТП{page.ktp.length ? '' : ' (нет)'}</a>
        <a href={`/reports?groupId=${a.groupId}&termId=${a.termId}&assignmentId=${a.id}`}>Печать журнала</a>
        <a href={`/api/reports/exam-sheet/${a.id}?format=pdf`}>Ведомость</a>
        <span className="muted small">
          Ввод: 5, 4/5, н, у, б, о4, зч, нз · Enter — вниз, Tab — вправо, Delete — очистить · вставка блока из Excel
          (Ctrl+V)
        </span>
      </div>

      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      {problems.length > 0 && (
        <div className="error problems" role="alert" data-testid="problems">
          <ul>
            {problems.map((p) => (
              <li key={p.key}>{p.message}</li>
            ))}
          </ul>
          <button type="button" className="plain" onClick={() => setProblems([])}>
            Скрыть
          </button>
        </div>
      )}
      {conflicts.length > 0 && (
        <div className="conflicts" role="alert" data-testid="conflicts">
          <h3>Эти ячейки уже изменил другой пользователь</h3>
          <ul>
            {conflicts.map((c) => (
              <li key={`${c.lessonId ?? ''}:${c.studentId}:${c.field ?? ''}`}>
                {describe(c)}: у вас «{c.mine || 'пусто'}», сейчас «{c.theirs || 'пусто'}»{c.by ? ` (${c.by})` : ''}{' '}
                <button type="button" className="plain" onClick={() => resolveConflict(c, true)}>
                  Оставить моё
                </button>{' '}
                <button type="button" className="plain" onClick={() => resolveConflict(c, false)}>
                  Принять другое
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <JournalGrid
        page={page}
        store={store}
        apply={apply}
        onOpenLesson={openLesson}
        onFocus={setFocused}
        report={report}
        focus={focus}
      />

      {history && (
        <HistoryPanel
          assignmentId={a.id}
          target={history}
          title={describe(history)}
          timeZone={page.timeZone}
          onClose={() => setHistory(null)}
        />
      )}
      {lessonDialog && (
        <LessonDialog
          page={page}
          lesson={lessonDialog.lesson}
          onClose={() => setLessonDialog(null)}
          onChanged={refresh}
          onFill={fillColumn}
        />
      )}
    </div>
  );
}
