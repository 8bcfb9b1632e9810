'use client';

import { useState } from 'react';
import {
  DAY_KIND_LABELS,
  DAY_KINDS,
  MAX_PAIRS,
  ROOM_KIND_LABELS,
  ROOM_KINDS,
  type DayKind,
} from '@/domain/timetable-setup';
import type { Room, TimetableSetup } from '@/server/services/timetable/setup';
import { DataTable, type DataColumn } from '../data-table';
import { useFormAction, type ServerFormAction } from '../use-form-action';

/** The methodist's bells and rooms: one bells form per kind of day, the rooms as a list with an add/edit form. */
export function TimetableSetupScreen({
  setup,
  actions,
}: {
  setup: TimetableSetup;
  actions: { bells: ServerFormAction; room: ServerFormAction };
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
    </>
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
