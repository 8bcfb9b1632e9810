'use client';

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatDate } from '@/domain/dates';
import { PARITIES, PARITY_LABELS, WEEKDAY_SHORT, type Parity } from '@/domain/timetable';
import type { CellVerdict } from '@/server/services/timetable/template';
import type { GroupWeek, WeekEntry } from '@/server/services/timetable/week';
import { trpc } from '../trpc-client';
import { JOURNAL_KEYS, JournalBudgets } from './journal-budgets';

type Choice = { kind: 'journal'; assignmentId: number } | { kind: 'move'; entry: WeekEntry };
type Cell = { weekday: number; pairNo: number };
const key = (c: Cell) => `${c.weekday}:${c.pairNo}`;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function verdictText(v: CellVerdict): string {
  if (v.conflicts.length === 0) return v.room ? `свободно · ауд. ${v.room}` : 'свободно · без аудитории';
  return v.conflicts.map((c) => c.message).join('; ');
}

/** «, с 07.12.2026 по 20.12.2026» — a placement's own dates inside the term, if it has any. */
function period(from: string | null, to: string | null): string {
  return `${from ? `, с ${formatDate(from)}` : ''}${to ? `, по ${formatDate(to)}` : ''}`;
}

/** A cell shows the first reason (hard ones come first) and how many more; the whole list is in its title. */
function verdictShort(v: CellVerdict): string {
  if (v.conflicts.length <= 1) return verdictText(v);
  return `${v.conflicts[0]!.message} (и ещё ${v.conflicts.length - 1})`;
}

/**
 * The methodist's week of a group (issue #11, item 3): days × pairs. Pick a journal (click, or its key), then a cell
 * (click, or arrows and Enter): the lesson goes there with the proposed room. While a journal is picked every cell
 * says whether it is free and, if not, why; a soft rule asks for a reason, a hard one is refused. A placed lesson is
 * moved by dragging it (or Enter on it, then Enter on the new cell), removed with its «×» (or Delete) and brought back
 * with «Вернуть».
 */
export function WeekGrid({ initial }: { initial: GroupWeek }) {
  const [week, setWeek] = useState(initial);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [loaded, setLoaded] = useState<{ for: string; cells: Map<string, CellVerdict> } | null>(null);
  const [parity, setParity] = useState<Parity>('every');
  // An optional limit of the placements to dates inside the term («с/по дату»); blank: the whole term.
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [focus, setFocus] = useState<Cell>({ weekday: 1, pairNo: 1 });
  const [pending, setPending] = useState<{ cell: Cell; verdict: CellVerdict } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo?: () => Promise<void> } | null>(null);
  const [busy, setBusy] = useState(false);
  const grid = useRef<HTMLTableElement>(null);
  const dragged = useRef<WeekEntry | null>(null);
  const group = week.group;
  const maxPairs = Math.max(0, ...week.days.map((d) => d.pairs.length));

  const refresh = useCallback(async () => {
    if (!group) return;
    setWeek(await trpc.timetable.groupWeek.query({ termId: week.term.id, groupId: group.id }));
  }, [group, week.term.id]);

  // The verdicts belong to the choice (and the week) they were asked for; a stale answer is never shown.
  const weekKey = week.entries.map((e) => `${e.entryId}/${e.roomId ?? ''}`).join(',');
  const choiceKey = !choice
    ? null
    : `${choice.kind === 'journal' ? `j${choice.assignmentId}:${parity}:${validFrom}:${validTo}` : `m${choice.entry.entryId}`}|${weekKey}`;
  const verdicts = choiceKey !== null && loaded?.for === choiceKey ? loaded.cells : null;

  useEffect(() => {
    if (!choice || choiceKey === null) return;
    let live = true;
    const input =
      choice.kind === 'journal'
        ? { assignmentId: choice.assignmentId, parity, validFrom: validFrom || null, validTo: validTo || null }
        : {
            assignmentId: choice.entry.assignmentId,
            parity: choice.entry.parity,
            validFrom: choice.entry.validFrom,
            validTo: choice.entry.validTo,
            entryId: choice.entry.entryId,
          };
    trpc.timetable.cellOptions
      .query(input)
      .then((cells) => live && setLoaded({ for: choiceKey, cells: new Map(cells.map((c) => [key(c), c])) }))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [choice, choiceKey, parity, validFrom, validTo, week]);

  /**
   * Places the picked journal (or moves the picked lesson) to the cell. Without its verdict yet (a lesson dropped at
   * once) the server decides alone: the room is kept or proposed there, and a refusal comes back with its reasons.
   */
  async function act(cell: Cell, overrideReason?: string, dropped?: WeekEntry) {
    const current: Choice | null = dropped ? { kind: 'move', entry: dropped } : choice;
    if (!current || busy) return;
    const verdict = verdicts?.get(key(cell)) ?? null;
    if (!verdict && current.kind === 'journal') return;
    if (verdict?.conflicts.some((c) => c.hard)) {
      setError(`Нельзя поставить: ${verdictText(verdict)}`);
      return;
    }
    if (verdict && verdict.conflicts.length > 0 && !overrideReason) {
      setPending({ cell, verdict });
      setReason('');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const where = `${WEEKDAY_SHORT[cell.weekday]}, ${cell.pairNo}-я пара`;
      if (current.kind === 'journal') {
        const journal = week.journals.find((j) => j.assignmentId === current.assignmentId);
        const placed = await trpc.timetable.place.mutate({
          assignmentId: current.assignmentId,
          ...cell,
          parity,
          validFrom: validFrom || null,
          validTo: validTo || null,
          roomId: verdict!.roomId,
          overrideReason,
        });
        setNotice({
          text: `Поставлено: ${journal?.subject ?? ''}, ${where}, ${placed.room ? `ауд. ${placed.room}` : 'без аудитории'}${period(validFrom || null, validTo || null)} — черновик, пока расписание не опубликовано`,
          undo: async () => {
            await trpc.timetable.remove.mutate({ entryId: placed.entryId });
          },
        });
      } else {
        const moved = await trpc.timetable.move.mutate({
          entryId: current.entry.entryId,
          ...cell,
          roomId: verdict ? verdict.roomId : undefined,
          overrideReason,
        });
        setNotice({
          text: `Перенесено: ${current.entry.subject} → ${where}, ${moved.room ? `ауд. ${moved.room}` : 'без аудитории'} — черновик, пока расписание не опубликовано`,
        });
        setChoice(null);
      }
      setPending(null);
      await refresh();
    } catch (e) {
      setError(errorText(e));
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  async function remove(entry: WeekEntry) {
    setError(null);
    try {
      await trpc.timetable.remove.mutate({ entryId: entry.entryId });
      setNotice({
        text: `Снято: ${entry.subject}, ${WEEKDAY_SHORT[entry.weekday]}, ${entry.pairNo}-я пара`,
        undo: async () => {
          await trpc.timetable.place.mutate({
            assignmentId: entry.assignmentId,
            weekday: entry.weekday,
            pairNo: entry.pairNo,
            parity: entry.parity,
            validFrom: entry.validFrom,
            validTo: entry.validTo,
            roomId: entry.roomId,
            overrideReason: entry.overrideReason ?? undefined,
          });
        },
      });
      if (choice?.kind === 'move' && choice.entry.entryId === entry.entryId) setChoice(null);
      await refresh();
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function changeRoom(entry: WeekEntry, roomId: number | null) {
    setError(null);
    try {
      const moved = await trpc.timetable.move.mutate({
        entryId: entry.entryId,
        weekday: entry.weekday,
        pairNo: entry.pairNo,
        roomId,
      });
      setNotice({ text: `${entry.subject}: ${moved.room ? `аудитория ${moved.room}` : 'без аудитории'}` });
      await refresh();
    } catch (e) {
      setError(errorText(e));
    }
  }

  function focusCell(cell: Cell) {
    setFocus(cell);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${key(cell)}"]`)?.focus();
  }

  function onKey(event: KeyboardEvent<HTMLTableElement>) {
    if (pending) return;
    const { weekday, pairNo } = focus;
    const days = week.days.map((d) => d.weekday);
    const at = days.indexOf(weekday);
    const moves: Record<string, Cell> = {
      ArrowLeft: { weekday: days[Math.max(0, at - 1)]!, pairNo },
      ArrowRight: { weekday: days[Math.min(days.length - 1, at + 1)]!, pairNo },
      ArrowUp: { weekday, pairNo: Math.max(1, pairNo - 1) },
      ArrowDown: { weekday, pairNo: Math.min(maxPairs, pairNo + 1) },
    };
    const entries = week.entries.filter((e) => e.weekday === weekday && e.pairNo === pairNo);
    if (moves[event.key]) {
      event.preventDefault();
      focusCell(moves[event.key]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (choice) void act(focus);
      else if (entries[0]) setChoice({ kind: 'move', entry: entries[0] });
    } else if (event.key === 'Delete' && entries[0] && !choice) {
      event.preventDefault();
      void remove(entries[0]);
    } else if (event.key === 'Escape') {
      setChoice(null);
    } else {
      const index = JOURNAL_KEYS.indexOf(event.key.toLowerCase());
      const journal = index >= 0 ? week.journals[index] : undefined;
      if (journal && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        setChoice({ kind: 'journal', assignmentId: journal.assignmentId });
      }
    }
  }

  if (!group) return <p className="muted">В этом семестре нет групп с журналами.</p>;
  const selectedJournal = choice?.kind === 'journal' ? choice.assignmentId : null;

  return (
    <div className="timetable-layout">
      <div>
        <div className="toolbar">
          <fieldset className="parity">
            <legend className="visually-hidden">Недели</legend>
            {PARITIES.map((p) => (
              <label key={p} className="check">
                <input type="radio" name="parity" checked={parity === p} onChange={() => setParity(p)} />
                {PARITY_LABELS[p]}
              </label>
            ))}
          </fieldset>
          <label>
            С даты{' '}
            <input
              type="date"
              value={validFrom}
              min={week.term.startsOn}
              max={week.term.endsOn}
              onChange={(e) => setValidFrom(e.target.value)}
            />
          </label>
          <label>
            по дату{' '}
            <input
              type="date"
              value={validTo}
              min={validFrom || week.term.startsOn}
              max={week.term.endsOn}
              onChange={(e) => setValidTo(e.target.value)}
            />
          </label>
          <span className="muted small" role="status">
            {choice?.kind === 'journal'
              ? `Ставим: ${week.journals.find((j) => j.assignmentId === choice.assignmentId)?.subject ?? ''} — выберите ячейку`
              : choice?.kind === 'move'
                ? `Переносим: ${choice.entry.subject} (${WEEKDAY_SHORT[choice.entry.weekday]}, ${choice.entry.pairNo}-я пара) — выберите ячейку, Esc — отмена`
                : 'Выберите журнал справа'}
          </span>
        </div>
        <p className="small" data-testid="draft-note">
          Занятия ставятся <strong>черновиком</strong>: преподаватели, студенты и родители их не видят, журналы не
          получают занятий, пока методист не опубликует расписание на странице «На даты: изменения и публикация» (там же
          — с какой даты оно действует). {week.pending > 0 ? `Не опубликовано: ${week.pending}.` : 'Всё опубликовано.'}{' '}
          Даты «с/по» ограничивают занятие частью семестра; пустые — весь семестр.
        </p>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        {notice && (
          <div className="notice" role="status">
            {notice.text}{' '}
            {notice.undo && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  const undo = notice.undo!;
                  setNotice(null);
                  undo()
                    .then(refresh)
                    .then(() => setNotice({ text: 'Отменено' }))
                    .catch((e: unknown) => setError(errorText(e)));
                }}
              >
                Вернуть
              </button>
            )}
          </div>
        )}
        <table
          className="week-grid"
          role="grid"
          ref={grid}
          onKeyDown={onKey}
          aria-label={`Расписание группы ${group.name} на неделю`}
        >
          <thead>
            <tr>
              <th scope="col">Пара</th>
              {week.days.map((d) => (
                <th scope="col" key={d.weekday}>
                  {d.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: maxPairs }, (_, i) => i + 1).map((pairNo) => (
              <tr key={pairNo}>
                <th scope="row">
                  {pairNo}
                  <span className="muted small">
                    {' '}
                    {week.days[0]?.pairs.find((p) => p.pairNo === pairNo)?.startsAt ?? ''}
                  </span>
                </th>
                {week.days.map((d) => {
                  const cell = { weekday: d.weekday, pairNo };
                  const slot = d.pairs.find((p) => p.pairNo === pairNo);
                  if (!slot) return <td key={d.weekday} className="no-pair" aria-label="Нет пары" />;
                  const entries = week.entries.filter((e) => e.weekday === d.weekday && e.pairNo === pairNo);
                  const verdict = verdicts?.get(key(cell));
                  const state = !verdict
                    ? ''
                    : verdict.conflicts.length === 0
                      ? 'free'
                      : verdict.conflicts.some((c) => c.hard)
                        ? 'hard'
                        : 'soft';
                  const isFocus = focus.weekday === d.weekday && focus.pairNo === pairNo;
                  return (
                    <td
                      key={d.weekday}
                      role="gridcell"
                      tabIndex={isFocus ? 0 : -1}
                      data-cell={key(cell)}
                      data-state={state || undefined}
                      className={`${state} ${isFocus ? 'focus' : ''}`}
                      title={`${d.name}, ${pairNo}-я пара, ${slot.startsAt}–${slot.endsAt}`}
                      onFocus={() => setFocus(cell)}
                      onDragOver={(e) => {
                        if (dragged.current && state !== 'hard') e.preventDefault();
                      }}
                      onDrop={(e) => {
                        e.preventDefault();
                        const entry = dragged.current;
                        dragged.current = null;
                        if (entry) void act(cell, undefined, entry);
                      }}
                    >
                      {entries.map((entry) => (
                        <div
                          key={entry.entryId}
                          className={
                            choice?.kind === 'move' && choice.entry.entryId === entry.entryId ? 'entry moving' : 'entry'
                          }
                          draggable
                          onDragStart={(e) => {
                            e.dataTransfer.setData('text/plain', String(entry.entryId));
                            dragged.current = entry;
                            setChoice({ kind: 'move', entry });
                          }}
                          onDragEnd={() => {
                            dragged.current = null;
                          }}
                          data-testid={`entry-${entry.entryId}`}
                        >
                          <strong>{entry.subject}</strong>
                          {entry.subgroup && <span className="small"> · {entry.subgroup}</span>}
                          {entry.parity !== 'every' && <span className="badge">{PARITY_LABELS[entry.parity]}</span>}
                          {(entry.validFrom || entry.validTo) && (
                            <span className="badge">{period(entry.validFrom, entry.validTo).slice(2)}</span>
                          )}
                          <div className="small">{entry.teacher ?? 'преподаватель не назначен'}</div>
                          <div className="entry-tools">
                            <select
                              aria-label={`Аудитория: ${entry.subject}, ${d.name}, ${pairNo}-я пара`}
                              value={entry.roomId ?? ''}
                              onChange={(e) => void changeRoom(entry, e.target.value ? Number(e.target.value) : null)}
                            >
                              <option value="">без аудитории</option>
                              {week.rooms.map((r) => (
                                <option key={r.id} value={r.id}>
                                  {r.label}
                                </option>
                              ))}
                            </select>
                            <button
                              type="button"
                              className="icon"
                              aria-label={`Перенести ${entry.subject}, ${d.name}, ${pairNo}-я пара`}
                              title="Перенести (или перетащите)"
                              onClick={() => setChoice({ kind: 'move', entry })}
                            >
                              ⇄
                            </button>
                            <button
                              type="button"
                              className="icon"
                              aria-label={`Снять ${entry.subject}, ${d.name}, ${pairNo}-я пара`}
                              onClick={() => void remove(entry)}
                            >
                              ×
                            </button>
                          </div>
                          {entry.overrideReason && (
                            <div className="small muted">
                              Причина: {entry.overrideReason}
                              {entry.warnings.length > 0 && ` (вопреки: ${entry.warnings.join('; ')})`}
                            </div>
                          )}
                        </div>
                      ))}
                      {verdict && (
                        <button
                          type="button"
                          className="verdict"
                          title={verdictText(verdict)}
                          tabIndex={-1}
                          disabled={state === 'hard' || busy}
                          onClick={() => void act(cell)}
                        >
                          {state === 'hard' ? '✕ ' : state === 'soft' ? '! ' : '+ '}
                          {verdictShort(verdict)}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Клавиши: стрелки — по ячейкам; {JOURNAL_KEYS[0]}…
          {JOURNAL_KEYS[Math.min(week.journals.length, JOURNAL_KEYS.length) - 1]} — журнал; Enter — поставить (или взять
          занятие для переноса); Delete — снять; Esc — отмена.
        </p>
      </div>
      <JournalBudgets
        journals={week.journals}
        selectedId={selectedJournal}
        onSelect={(id) => setChoice(id === null ? null : { kind: 'journal', assignmentId: id })}
      />
      {pending && (
        <div className="dialog-backdrop">
          <form
            method="post"
            className="dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="override-title"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) void act(pending.cell, reason.trim());
            }}
          >
            <h2 id="override-title">Поставить вопреки правилу?</h2>
            <ul>
              {pending.verdict.conflicts.map((c) => (
                <li key={c.message}>{c.message}</li>
              ))}
            </ul>
            <label htmlFor="override-reason">Причина</label>
            <input
              id="override-reason"
              type="text"
              autoFocus
              required
              maxLength={200}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <div className="dialog-actions">
              <button type="submit" disabled={!reason.trim() || busy}>
                Поставить
              </button>
              <button type="button" className="plain" onClick={() => setPending(null)}>
                Отмена
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
