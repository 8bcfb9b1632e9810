'use client';

import Link from 'next/link';
import { formatDate } from '@/domain/dates';
import type { AssignmentListItem } from '@/server/queries/journal';
import { DataTable, type DataColumn } from '../data-table';

const GROUP: DataColumn<AssignmentListItem> = {
  id: 'group',
  header: 'Группа',
  value: (a) => (a.subgroupName ? `${a.groupName} (${a.subgroupName})` : a.groupName),
  cell: (a) => (
    <>
      {a.groupName}
      {a.subgroupName && <span className="muted small"> ({a.subgroupName})</span>}
    </>
  ),
  className: 'nowrap',
};
const SUBJECT: DataColumn<AssignmentListItem> = {
  id: 'subject',
  header: 'Дисциплина',
  value: (a) => `${a.itemCode} ${a.itemName}`,
  cell: (a) => (
    <Link href={`/journals/${a.id}`}>
      <span className="muted">{a.itemCode}</span> {a.itemName}
    </Link>
  ),
};
/** In «Мои журналы»: the journals one reaches as a substitute say so. */
const SUBJECT_MINE: DataColumn<AssignmentListItem> = {
  ...SUBJECT,
  cell: (a) => (
    <>
      {SUBJECT.cell!(a)}
      {a.substitute && <span className="badge"> замена</span>}
    </>
  ),
};
const TEACHER: DataColumn<AssignmentListItem> = {
  id: 'teacher',
  header: 'Преподаватель',
  value: (a) => a.teacherName,
  className: 'nowrap',
};
const REST: DataColumn<AssignmentListItem>[] = [
  { id: 'planned', header: 'План, ч', value: (a) => a.plannedHours, className: 'num' },
  { id: 'held', header: 'Проведено, ч', value: (a) => a.heldHours, className: 'num' },
  {
    id: 'last',
    header: 'Последнее занятие',
    value: (a) => a.lastLessonOn,
    cell: (a) => (a.lastLessonOn ? formatDate(a.lastLessonOn) : '—'),
  },
  {
    id: 'fill',
    header: 'Заполнение',
    // Sorted by what needs attention: journals with gaps last when ascending.
    value: (a) => a.withoutTopic + a.shortOfGrades,
    cell: (a) => (
      <>
        {a.withoutTopic > 0 ? (
          <span className="badge warn">без темы: {a.withoutTopic}</span>
        ) : (
          <span className="badge good">темы заполнены</span>
        )}{' '}
        {a.shortOfGrades > 0 &&
          (a.termEnded ? (
            <span className="badge bad">меньше 5 оценок: {a.shortOfGrades}</span>
          ) : (
            <span className="badge warn" title="Риск: 5 оценок нужны к концу семестра">
              пока меньше 5 оценок: {a.shortOfGrades}
            </span>
          ))}
      </>
    ),
  },
];
const WITH_TEACHER = [GROUP, SUBJECT, TEACHER, ...REST];
const WITHOUT_TEACHER = [GROUP, SUBJECT_MINE, ...REST];

/** Journal pages of a term with their fill status: the teacher's home, «Мои журналы», the administration's list. */
export function JournalsTable({
  assignments,
  showTeacher,
  testId,
}: {
  assignments: AssignmentListItem[];
  showTeacher: boolean;
  testId?: string;
}) {
  return (
    <DataTable
      rows={assignments}
      columns={showTeacher ? WITH_TEACHER : WITHOUT_TEACHER}
      rowKey={(a) => a.id}
      search={
        assignments.length > 10
          ? showTeacher
            ? 'Поиск по группе, дисциплине, преподавателю'
            : 'Поиск по группе, дисциплине'
          : undefined
      }
      testId={testId}
      empty="Журналов нет."
    />
  );
}
