'use client';

import type { IHeaderParams } from 'ag-grid-community';
import { formatDate, formatDayMonth } from '@/domain/dates';
import type { JournalLesson } from '@/server/services/journal/page';

export interface LessonHeaderParams {
  lesson: JournalLesson;
  kindShort: string;
  kindLabel: string;
  /** Added by hand in a journal that follows the timetable: «вне расписания». */
  outOfTimetable: boolean;
  /** Dated after the college's today: planned, its topic is not due yet (no ⚠). */
  future: boolean;
  onOpen: (lesson: JournalLesson) => void;
}

/** Column header of a lesson: the date, then hours and kind; the topic on hover; a click opens the lesson. */
export function LessonHeader(props: IHeaderParams & LessonHeaderParams) {
  const { lesson } = props;
  const title = `${formatDate(lesson.date)}${lesson.pairNo ? `, ${lesson.pairNo} пара` : ''} · ${lesson.hours} ч · ${props.kindLabel}\n${lesson.topic ?? 'Тема не указана'}${
    lesson.homework ? `\nД/з: ${lesson.homework}` : ''
  }${props.outOfTimetable ? '\nВне расписания' : ''}${lesson.taughtByName ? `\nЗамена: провёл ${lesson.taughtByName}` : ''}`;
  return (
    <button
      type="button"
      className={`lesson-header${props.outOfTimetable ? ' out-of-timetable' : ''}${lesson.taughtBy ? ' substituted' : ''}`}
      title={title}
      onClick={() => props.onOpen(lesson)}
      data-lesson-id={lesson.id}
      data-lesson-date={lesson.date}
    >
      <span className="lesson-date">{formatDayMonth(lesson.date)}</span>
      <span className="lesson-meta">
        {lesson.hours}ч {props.kindShort}
        {lesson.topic || props.future ? '' : ' ⚠'}
      </span>
      {(props.outOfTimetable || lesson.taughtBy) && (
        <span className="lesson-flag">{lesson.taughtBy ? 'замена' : 'вне расп.'}</span>
      )}
    </button>
  );
}
