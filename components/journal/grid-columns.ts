import type { CellClassParams, ColDef, ColGroupDef, ValueGetterParams } from 'ag-grid-community';
import type { AttestationField } from '@/domain/attestation';
import { enrolledOn } from '@/domain/cell-edit';
import { lessonTeacher } from '@/domain/lesson-teacher';
import { formatAverage, studentStats, MIN_GRADES_PER_TERM } from '@/domain/journal-stats';
import { formatCell } from '@/domain/marks';
import type { JournalLesson, JournalPage } from '@/server/services/journal/page';
import type { JournalStore } from './journal-store';
import { LessonHeader } from './lesson-header';
import { countOf, NOUNS } from '@/domain/plural';
import { monthName } from '@/domain/dates';

export interface Row {
  id: number;
  no: number;
  name: string;
  fullName: string;
  spans: { from: string; to: string | null }[];
}

export const lessonColId = (lessonId: number) => `l${lessonId}`;
export const attestationColId = (field: string) => `a_${field}`;
export const COMPUTED_COLUMNS = ['avg', 'wavg', 'count', 'missed'];

export function targetOfColumn(colId: string): { lessonId?: number; field?: AttestationField } | null {
  if (/^l\d+$/.test(colId)) return { lessonId: Number(colId.slice(1)) };
  if (colId.startsWith('a_')) return { field: colId.slice(2) as AttestationField };
  return null;
}

/** Columns: №, student, lessons grouped by month, attestation, computed. */
export function buildColumns(
  page: JournalPage,
  store: JournalStore,
  onOpenLesson: (l: JournalLesson) => void,
): (ColDef<Row> | ColGroupDef<Row>)[] {
  const canEdit = page.access.canEdit;
  const hasTimetable = page.lessons.some((l) => l.fromTimetable);
  const kinds = new Map(page.lessonKinds.map((k) => [k.code, k]));
  const lessonIds = page.lessons.map((l) => l.id);
  const statsLessons = new Map(
    page.lessons.map((l) => [l.id, { id: l.id, hours: l.hours, weight: kinds.get(l.kind)?.weight ?? 1 }]),
  );
  const stats = (studentId: number) =>
    studentStats(statsLessons, store.cellsOfStudent(studentId, lessonIds), page.attendanceCodes);

  const byMonth = new Map<string, JournalLesson[]>();
  for (const l of page.lessons) {
    const key = l.date.slice(0, 7);
    byMonth.set(key, [...(byMonth.get(key) ?? []), l]);
  }
  const lessonGroups: ColGroupDef<Row>[] = [...byMonth.entries()].map(([month, lessons]) => ({
    headerName: monthName(month),
    headerClass: 'month-header',
    children: lessons.map((lesson): ColDef<Row> => {
      const future = lesson.date > page.today;
      const mine = lessonTeacher(page.assignment.teacherUserId, lesson.taughtBy) === page.viewerId;
      return {
        colId: lessonColId(lesson.id),
        width: 52,
        headerComponent: LessonHeader,
        headerComponentParams: {
          lesson,
          kindShort: kinds.get(lesson.kind)?.short ?? '',
          kindLabel: kinds.get(lesson.kind)?.label ?? lesson.kind,
          outOfTimetable: hasTimetable && !lesson.fromTimetable,
          future,
          onOpen: onOpenLesson,
        },
        editable: (p) => canEdit && mine && !future && !!p.data && enrolledOn(p.data.spans, lesson.date),
        valueGetter: (p: ValueGetterParams<Row>) => (p.data ? formatCell(store.cell(lesson.id, p.data.id).value) : ''),
        tooltipValueGetter: (p) => {
          if (!p.data) return undefined;
          const c = store.cell(lesson.id, p.data.id);
          if (c.error) return c.error;
          if (c.conflict)
            return `Конфликт: другой пользователь (${c.conflict.by ?? 'неизвестно'}) записал «${c.conflict.theirs}»`;
          if (!enrolledOn(p.data.spans, lesson.date)) return 'Студент в этот день не числился в группе';
          return undefined;
        },
        cellClassRules: {
          'cell-closed': (p: CellClassParams<Row>) => !!p.data && !enrolledOn(p.data.spans, lesson.date),
          'cell-future': () => future,
          'cell-others': () => canEdit && !mine,
          'cell-pending': (p) => !!p.data && store.cell(lesson.id, p.data.id).pending,
          'cell-conflict': (p) => !!p.data && !!store.cell(lesson.id, p.data.id).conflict,
          'cell-error': (p) => !!p.data && !!store.cell(lesson.id, p.data.id).error,
          'cell-absent': (p) => !!p.data && ['н'].includes(store.cell(lesson.id, p.data.id).value.attendance ?? ''),
          'cell-valid-absence': (p) =>
            !!p.data && ['у', 'б'].includes(store.cell(lesson.id, p.data.id).value.attendance ?? ''),
          'cell-low': (p) => !!p.data && store.cell(lesson.id, p.data.id).value.grade1 === '2',
        },
      };
    }),
  }));

  const attestation: ColGroupDef<Row> = {
    headerName: 'Аттестация',
    headerClass: 'month-header',
    children: page.attestationColumns.map((col): ColDef<Row> => ({
      colId: attestationColId(col.field),
      headerName: col.header,
      headerTooltip: col.title,
      width: page.attestationColumns.length === 1 ? 100 : 74,
      editable: canEdit && !page.access.substitute,
      valueGetter: (p) => (p.data ? (store.attestationCell(p.data.id, col.field).value ?? '') : ''),
      tooltipValueGetter: (p) =>
        p.data ? (store.attestationCell(p.data.id, col.field).error ?? undefined) : undefined,
      cellClassRules: {
        'cell-attestation': () => true,
        'cell-pending': (p) => !!p.data && store.attestationCell(p.data.id, col.field).pending,
        'cell-conflict': (p) => !!p.data && !!store.attestationCell(p.data.id, col.field).conflict,
        'cell-error': (p) => !!p.data && !!store.attestationCell(p.data.id, col.field).error,
      },
    })),
  };

  const computed: ColGroupDef<Row> = {
    headerName: 'Итоги',
    headerClass: 'month-header',
    children: [
      {
        colId: 'avg',
        headerName: 'Ср.',
        headerTooltip: 'Средний балл',
        width: 62,
        valueGetter: (p) => (p.data ? formatAverage(stats(p.data.id).average) : ''),
        cellClass: 'cell-computed',
      },
      {
        colId: 'wavg',
        headerName: 'Ср.вз.',
        headerTooltip: 'Средневзвешенный балл (вес по виду занятия)',
        width: 70,
        valueGetter: (p) => (p.data ? formatAverage(stats(p.data.id).weightedAverage) : ''),
        cellClass: 'cell-computed',
      },
      {
        colId: 'count',
        headerName: 'Оц.',
        headerTooltip: `Число оценок (нужно не меньше ${MIN_GRADES_PER_TERM})`,
        width: 52,
        valueGetter: (p) => (p.data ? stats(p.data.id).gradeCount : ''),
        cellClassRules: {
          'cell-computed': () => true,
          'cell-short': (p) => !!p.data && stats(p.data.id).shortOfGrades,
        },
        tooltipValueGetter: (p) =>
          p.data && stats(p.data.id).shortOfGrades
            ? `Меньше ${countOf(MIN_GRADES_PER_TERM, NOUNS.gradeGen)}`
            : undefined,
      },
      {
        colId: 'missed',
        headerName: 'Проп.',
        headerTooltip: 'Пропущено часов: всего / по уважительной причине',
        width: 70,
        valueGetter: (p) => {
          if (!p.data) return '';
          const s = stats(p.data.id);
          return `${s.missedHours}/${s.missedValidHours}`;
        },
        cellClass: 'cell-computed',
      },
    ],
  };

  return [
    {
      colId: 'no',
      headerName: '№',
      field: 'no',
      width: 48,
      pinned: 'left',
      cellClass: 'cell-no',
      suppressNavigable: true,
    },
    {
      colId: 'name',
      headerName: 'Фамилия И. О.',
      field: 'name',
      width: 190,
      pinned: 'left',
      tooltipField: 'fullName',
      cellClass: 'cell-name',
    },
    ...lessonGroups,
    ...(page.attestationColumns.length ? [attestation] : []),
    computed,
  ];
}
