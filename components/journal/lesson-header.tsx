'use client';

import type { IHeaderParams } from 'ag-grid-community';
import { formatDate, formatDayMonth } from '@/domain/dates';
import type { JournalLesson } from '@/server/services/journal/page';

export interface LessonHeaderParams {
  lesson: JournalLesson;
  kindShort: string;
  kindLabel: string;
  onOpen: (lesson: JournalLesson) => void;
}

/** Column header of a lesson: the date, then hours and kind; the topic on hover; a click opens the lesson. */
export function LessonHeader(props: IHeaderParams & LessonHeaderParams) {
  const { lesson } = props;
  const title = `${formatDate(lesson.date)}${lesson.pairNo ? `, ${lesson.pairNo} пара` : ''} · ${lesson.hours} ч · ${props.kindLabel}\n${lesson.topic ?? 'Тема не указана'}${
    lesson.homework ? `\nД/з: ${lesson.homework}` : ''
  }`;
  return (
    <button
      type="button"
      className="lesson-header"
      title={title}
      onClick={() => props.onOpen(lesson)}
      data-lesson-id={lesson.id}
    >
      <span className="lesson-date">{formatDayMonth(lesson.date)}</span>
      <span className="lesson-meta">
        {lesson.hours}ч {props.kindShort}
        {lesson.topic ? '' : ' ⚠'}
      </span>
    </button>
  );
}
