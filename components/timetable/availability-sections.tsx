'use client';

import { useState } from 'react';
import { formatDate } from '@/domain/dates';
import { pairBox, WEEKDAY_NAMES, WEEKDAY_SHORT, WEEKDAYS } from '@/domain/timetable';
import { GROUP_PERIOD_KINDS, GROUP_PERIOD_LABELS, MAX_PAIRS, type CalendarRange } from '@/domain/timetable-setup';
import type { GroupPeriods, TeacherAvailability } from '@/server/services/timetable/availability';
import { DataTable, type DataColumn } from '../data-table';
import { useFormAction, type ServerFormAction } from '../use-form-action';

type PeriodRow = CalendarRange<'practice' | 'session'> & { group: string };

const PERIOD_COLUMNS: DataColumn<PeriodRow>[] = [
  { id: 'group', header: 'Группа', value: (r) => r.group },
  {
    id: 'dates',
    header: 'Даты',
    value: (r) => r.from,
    cell: (r) => (r.from === r.to ? formatDate(r.from) : `${formatDate(r.from)}–${formatDate(r.to)}`),
    className: 'nowrap',
  },
  { id: 'days', header: 'Дней', value: (r) => r.days, className: 'num' },
  { id: 'kind', header: 'Вид', value: (r) => GROUP_PERIOD_LABELS[r.kind] },
  { id: 'note', header: 'Примечание', value: (r) => r.note },
];

/** Practice and session weeks of the groups: no classroom lessons for that group on those dates. */
export function GroupPeriodsSection({
  groups,
  periods,
  action,
}: {
  groups: { id: number; name: string }[];
  periods: GroupPeriods[];
  action: ServerFormAction;
}) {
  const { form, pending, messages } = useFormAction(action);
  const rows = periods.flatMap((p) => p.ranges.map((r) => ({ ...r, group: p.group })));
  return (
    <section className="panel">
      <h2>Практика и сессия групп</h2>
      <p className="muted small">В эти дни у группы нет занятий по расписанию; у других групп они идут как обычно.</p>
      <form {...form} data-testid="period-form">
        {messages}
        <div className="form-row">
          <label>
            Группа
            <select name="groupId">
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            С
            <input type="date" name="fromDate" />
          </label>
          <label>
            По
            <input type="date" name="toDate" />
          </label>
          <label>
            Вид
            <select name="kind" defaultValue="practice">
              {[...GROUP_PERIOD_KINDS, 'working' as const].map((k) => (
                <option key={k} value={k}>
                  {GROUP_PERIOD_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Примечание
            <input type="text" name="note" placeholder="например: УП.01" />
          </label>
          <button type="submit" disabled={pending}>
            Отметить
          </button>
        </div>
      </form>
      <DataTable
        rows={rows}
        columns={PERIOD_COLUMNS}
        rowKey={(r) => `${r.group}-${r.from}`}
        testId="periods"
        empty="Практики и сессии не отмечены."
      />
    </section>
  );
}

function describe(pairs: [number, number][]): string {
  if (pairs.length === 0) return 'доступен на всех парах';
  return WEEKDAYS.map((d) => {
    const list = pairs.filter(([w]) => w === d).map(([, p]) => p);
    return list.length ? `${WEEKDAY_SHORT[d]} ${list.join(', ')}` : '';
  })
    .filter(Boolean)
    .join('; ');
}

/** Teachers' unavailable pairs: the timetable asks a stated reason to place a lesson of theirs on one. */
export function TeacherAvailabilitySection({
  teachers,
  action,
}: {
  teachers: TeacherAvailability[];
  action: ServerFormAction;
}) {
  const [userId, setUserId] = useState<number | null>(teachers[0]?.userId ?? null);
  const teacher = teachers.find((t) => t.userId === userId);
  const { form, pending, messages } = useFormAction(action);
  const isAway = (weekday: number, pairNo: number) =>
    teacher?.unavailable.some(([w, p]) => w === weekday && p === pairNo) ?? false;
  return (
    <section className="panel">
      <h2>Недоступное время преподавателей</h2>
      <form {...form} data-testid="availability-form" key={userId ?? 0}>
        {messages}
        <label>
          Преподаватель
          <select name="userId" value={userId ?? ''} onChange={(e) => setUserId(Number(e.target.value))}>
            {teachers.map((t) => (
              <option key={t.userId} value={t.userId}>
                {t.name} — {describe(t.unavailable)}
              </option>
            ))}
          </select>
        </label>
        <table className="list availability">
          <caption className="muted small">Отметьте пары, когда преподаватель не может вести занятия.</caption>
          <thead>
            <tr>
              <th scope="col">Пара</th>
              {WEEKDAYS.map((d) => (
                <th scope="col" key={d}>
                  {WEEKDAY_SHORT[d]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: MAX_PAIRS }, (_, i) => i + 1).map((pairNo) => (
              <tr key={pairNo}>
                <th scope="row">{pairNo}</th>
                {WEEKDAYS.map((d) => (
                  <td key={d}>
                    <input
                      type="checkbox"
                      name={pairBox(d, pairNo)}
                      defaultChecked={isAway(d, pairNo)}
                      aria-label={`${WEEKDAY_NAMES[d]}, ${pairNo}-я пара`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" disabled={pending || !teacher}>
          Сохранить
        </button>
      </form>
    </section>
  );
}
