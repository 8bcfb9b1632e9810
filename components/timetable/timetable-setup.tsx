'use client';

import { useState } from 'react';
import { formatDate } from '@/domain/dates';
import {
  CALENDAR_KIND_LABELS,
  CALENDAR_KINDS,
  DAY_KIND_LABELS,
  DAY_KINDS,
  MAX_PAIRS,
  ROOM_KIND_LABELS,
  ROOM_KINDS,
  type CalendarRange,
  type DayKind,
} from '@/domain/timetable-setup';
import type { Room, TimetableSetup } from '@/server/services/timetable/setup';
import { DataTable, type DataColumn } from '../data-table';
import { useFormAction, type ServerFormAction } from '../use-form-action';
import { GroupPeriodsSection, TeacherAvailabilitySection } from './availability-sections';

/** The methodist's bells and rooms: one bells form per kind of day, the rooms as a list with an add/edit form. */
export function TimetableSetupScreen({
  setup,
  actions,
}: {
  setup: TimetableSetup;
  actions: {
    bells: ServerFormAction;
    room: ServerFormAction;
    calendar: ServerFormAction;
    period: ServerFormAction;
    unavailability: ServerFormAction;
  };
}) {
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const columns: DataColumn<Room>[] = [
    { id: 'number', header: 'Аудитория', value: (r) => r.number },
    { id: 'building', header: 'Корпус', value: (r) => r.building },
    { id: 'seats', header: 'Мест', value: (r) => r.seats, className: 'num' },
    { id: 'kind', header: 'Вид', value: (r) => ROOM_KIND_LABELS[r.kind] },
    {
      id: 'inUse',
      header: 'Состояние',
      value: (r) => (r.inUse ? 'используется' : 'не используется'),
      cell: (r) =>
        r.inUse ? (
          <span className="badge good">используется</span>
        ) : (
          <span className="badge warn">не используется</span>
        ),
    },
    {
      id: 'edit',
      header: 'Действие',
      sortable: false,
      value: () => null,
      cell: (r) => (
        <button
          type="button"
          className="plain small"
          onClick={() => {
            setNotice(null);
            setEditing(r);
          }}
        >
          Изменить
        </button>
      ),
    },
  ];
  return (
    <>
      <h2>Звонки</h2>
      <div className="bells">
        {DAY_KINDS.map((kind) => (
          <BellsForm key={kind} dayKind={kind} slots={setup.bells[kind]} action={actions.bells} />
        ))}
      </div>
      <section className="panel">
        <h2>
          Аудитории{' '}
          <button
            type="button"
            className="plain small"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
          >
            Добавить
          </button>
        </h2>
        {notice && (
          <div className="notice" role="status">
            {notice}
          </div>
        )}
        {editing && (
          <RoomForm
            key={editing === 'new' ? 'new' : editing.id}
            room={editing === 'new' ? null : editing}
            action={actions.room}
            onClose={() => setEditing(null)}
            onDone={(message) => {
              setEditing(null);
              setNotice(message);
            }}
          />
        )}
        <DataTable
          rows={setup.rooms}
          columns={columns}
          rowKey={(r) => r.id}
          search={setup.rooms.length > 10 ? 'Поиск по номеру, корпусу, виду' : undefined}
          testId="rooms"
          empty="Аудиторий пока нет — добавьте их, чтобы расписание могло их предлагать."
        />
      </section>
      <CalendarSection ranges={setup.calendar} action={actions.calendar} />
      <GroupPeriodsSection groups={setup.groups} periods={setup.periods} action={actions.period} />
      <TeacherAvailabilitySection teachers={setup.teachers} action={actions.unavailability} />
    </>
  );
}

const CALENDAR_COLUMNS: DataColumn<CalendarRange>[] = [
  {
    id: 'dates',
    header: 'Даты',
    value: (r) => r.from,
    cell: (r) => (r.from === r.to ? formatDate(r.from) : `${formatDate(r.from)}–${formatDate(r.to)}`),
    className: 'nowrap',
  },
  { id: 'days', header: 'Дней', value: (r) => r.days, className: 'num' },
  { id: 'kind', header: 'Вид', value: (r) => CALENDAR_KIND_LABELS[r.kind] },
  { id: 'note', header: 'Примечание', value: (r) => r.note },
];

/** Holidays, vacations and shortened days: a range form and the marked ranges. */
function CalendarSection({ ranges, action }: { ranges: CalendarRange[]; action: ServerFormAction }) {
  const { form, pending, messages } = useFormAction(action);
  return (
    <section className="panel">
      <h2>Календарь: праздники, каникулы, сокращённые дни</h2>
      <form {...form} data-testid="calendar-form">
        {messages}
        <div className="form-row">
          <label>
            С
            <input type="date" name="fromDate" />
          </label>
          <label>
            По
            <input type="date" name="toDate" />
          </label>
          <label>
            Вид дня
            <select name="kind" defaultValue="holiday">
              {[...CALENDAR_KINDS, 'working' as const].map((k) => (
                <option key={k} value={k}>
                  {CALENDAR_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Примечание
            <input type="text" name="note" placeholder="например: зимние каникулы" />
          </label>
          <button type="submit" disabled={pending}>
            Отметить
          </button>
        </div>
      </form>
      <DataTable
        rows={ranges}
        columns={CALENDAR_COLUMNS}
        rowKey={(r) => r.from}
        testId="calendar"
        empty="Отмеченных дней нет: все дни обычные."
      />
    </section>
  );
}

/** Pairs 1…8 of one kind of day; a pair left blank ends the day. */
function BellsForm({
  dayKind,
  slots,
  action,
}: {
  dayKind: DayKind;
  slots: { pairNo: number; startsAt: string; endsAt: string }[];
  action: ServerFormAction;
}) {
  const { form, pending, messages } = useFormAction(action);
  const slot = (pairNo: number) => slots.find((s) => s.pairNo === pairNo);
  return (
    <form className="panel" {...form} data-testid={`bells-${dayKind}`}>
      <h3>{DAY_KIND_LABELS[dayKind]}</h3>
      {messages}
      <input type="hidden" name="dayKind" value={dayKind} />
      <table className="list">
        <thead>
          <tr>
            <th className="num">Пара</th>
            <th>Начало</th>
            <th>Конец</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: MAX_PAIRS }, (_, i) => i + 1).map((pairNo) => (
            <tr key={pairNo}>
              <td className="num">{pairNo}</td>
              <td>
                <input
                  type="time"
                  name={`start${pairNo}`}
                  defaultValue={slot(pairNo)?.startsAt ?? ''}
                  aria-label={`Пара ${pairNo}: начало`}
                />
              </td>
              <td>
                <input
                  type="time"
                  name={`end${pairNo}`}
                  defaultValue={slot(pairNo)?.endsAt ?? ''}
                  aria-label={`Пара ${pairNo}: конец`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" disabled={pending}>
        Сохранить звонки
      </button>
    </form>
  );
}

function RoomForm({
  room,
  action,
  onClose,
  onDone,
}: {
  room: Room | null;
  action: ServerFormAction;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { form, pending, messages } = useFormAction(action, onDone);
  return (
    <form className="panel" {...form} data-testid="room-form">
      {messages}
      {room && <input type="hidden" name="id" value={room.id} />}
      <div className="form-row">
        <label>
          Номер
          <input type="text" name="number" defaultValue={room?.number} placeholder="214" />
        </label>
        <label>
          Корпус
          <input
            type="text"
            name="building"
            defaultValue={room?.building ?? ''}
            placeholder="если корпусов несколько"
          />
        </label>
        <label>
          Мест
          <input type="number" name="seats" min={1} max={1000} defaultValue={room?.seats ?? 30} />
        </label>
        <label>
          Вид
          <select name="kind" defaultValue={room?.kind ?? 'lecture'}>
            {ROOM_KINDS.map((k) => (
              <option key={k} value={k}>
                {ROOM_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="inUse" defaultChecked={room?.inUse ?? true} /> используется
        </label>
      </div>
      <div className="toolbar">
        <button type="submit" disabled={pending}>
          Сохранить
        </button>
        <button type="button" className="plain" onClick={onClose}>
          Отмена
        </button>
      </div>
    </form>
  );
}
