'use client';

import { lessonRefusal } from '@/domain/lesson-teacher';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseAttestationInput, type AttestationField } from '@/domain/attestation';
import { checkCellEdit } from '@/domain/cell-edit';
import { formatCell, parseCellInput } from '@/domain/marks';
import { unpackCells } from '@/domain/journal-cells';
import type { JournalPage } from '@/server/services/journal/page';
import { classifyFailure, REQUEST_TIMEOUT_MS, trpc } from '../trpc-client';
import { JournalStore } from './journal-store';
import { blockPlace } from './paste';
import {
  HEARTBEAT_MS,
  SaveQueue,
  type BatchSource,
  type QueuedAttestation,
  type QueuedBatch,
  type QueuedCell,
  type QueueStatus,
} from './save-queue';
import { countOf, NOUNS } from '@/domain/plural';

export interface CellTarget {
  studentId: number;
  lessonId?: number;
  field?: AttestationField;
}

export interface Edit extends CellTarget {
  text: string;
  /** The cell's row and column in a pasted block (1-based), named in a refusal. */
  place?: { row: number; column: number };
}

/** The key of an edit's refusal: `lessonId:studentId` for a lesson cell, `a:studentId:field` for attestation. */
const editKey = (e: CellTarget) => (e.lessonId ? `${e.lessonId}:${e.studentId}` : `a:${e.studentId}:${e.field}`);

export interface ConflictItem {
  studentId: number;
  lessonId?: number;
  field?: string;
  mine: string;
  theirs: string;
  version: number;
  by: string | null;
}

export interface Problem {
  key: string;
  message: string;
}

/**
 * The journal page's state on the client: the store the grid reads, the outbox that saves edits, the conflicts and
 * refusals to show. Every edit is checked here first with the same rules as on the server.
 */
export function useJournalModel(page: JournalPage) {
  // Not «Сохранено» until the outbox has looked: edits left by a closed tab or a reload may be waiting in the browser.
  const [status, setStatus] = useState<QueueStatus>({ state: 'saving', pending: 0 });
  const [conflicts, setConflicts] = useState<ConflictItem[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const students = useMemo(() => new Map(page.students.map((s) => [s.id, s])), [page.students]);
  const lessons = useMemo(() => new Map(page.lessons.map((l) => [l.id, l])), [page.lessons]);
  const store = useMemo(() => new JournalStore(page.cells, page.attestation), [page.cells, page.attestation]);
  const queueRef = useRef<SaveQueue | null>(null);

  const describe = useCallback(
    (t: { studentId: number; lessonId?: number; field?: string }) => {
      const s = students.get(t.studentId);
      const l = t.lessonId ? lessons.get(t.lessonId) : undefined;
      const column = t.field
        ? page.attestationColumns.find((c) => c.field === t.field)?.header
        : l
          ? l.date.slice(8, 10) + '.' + l.date.slice(5, 7)
          : '';
      return `${s?.name ?? t.studentId}, ${column}`;
    },
    [students, lessons, page.attestationColumns],
  );

  useEffect(() => {
    const showEdits = (batches: QueuedBatch[]) => {
      for (const batch of batches) {
        for (const c of batch.cells) {
          const parsed = parseCellInput(c.text, page.attendanceCodes);
          if (parsed.ok) store.setLocal(c.lessonId, c.studentId, parsed.value);
        }
        for (const a of batch.attestation) {
          const parsed = parseAttestationInput(a.field, a.text);
          if (parsed.ok) store.setLocalAttestation(a.studentId, a.field, parsed.value);
        }
      }
    };
    const outbox = `ezh:outbox:${page.assignment.id}:${page.viewerId}`;
    const queue = new SaveQueue(
      window.localStorage,
      {
        send: async (batch) => {
          const result = await trpc.journal.save.mutate(
            { assignmentId: page.assignment.id, ...batch },
            { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
          );
          return result.status === 'saved' ? { ...result, cells: unpackCells(result.cells) } : result;
        },
        classify: classifyFailure,
        onSaved: (_batch, result) => {
          for (const c of result.cells)
            store.confirm(c.lessonId, c.studentId, c, queue.queuedBase(c.lessonId, c.studentId) !== null);
          for (const a of result.attestation) {
            store.confirmAttestation(
              a.studentId,
              a.field,
              a.value,
              a.version,
              queue.queuedAttestationBase(a.studentId, a.field) !== null,
            );
          }
          // Cells of the batch that changed nothing (resent or no-op) stop being pending too.
          for (const c of _batch.cells) {
            const state = store.cell(c.lessonId, c.studentId);
            if (state.pending && queue.queuedBase(c.lessonId, c.studentId) === null)
              store.confirm(
                c.lessonId,
                c.studentId,
                { ...state.value, version: Math.max(state.version, c.baseVersion) },
                false,
              );
          }
          for (const a of _batch.attestation) {
            const state = store.attestationCell(a.studentId, a.field);
            if (state.pending && queue.queuedAttestationBase(a.studentId, a.field) === null) {
              store.confirmAttestation(
                a.studentId,
                a.field,
                state.value,
                Math.max(state.version, a.baseVersion),
                false,
              );
            }
          }
        },
        onInvalid: (_batch, result) => {
          for (const e of result.errors) {
            if (e.lessonId) store.setError(e.lessonId, e.studentId, e.message);
            else if (e.field) store.setAttestationError(e.studentId, e.field, e.message);
          }
          setProblems(
            result.errors.map((e, i) => ({ key: `srv-${Date.now()}-${i}`, message: `Не сохранено: ${e.message}` })),
          );
        },
        onConflict: (_batch, result) => {
          for (const c of result.conflicts) {
            if (c.lessonId)
              store.setConflict(c.lessonId, c.studentId, { theirs: c.theirs, version: c.version, by: c.by });
            else if (c.field)
              store.setAttestationConflict(c.studentId, c.field, { theirs: c.theirs, version: c.version, by: c.by });
          }
          setConflicts((prev) => [
            ...prev.filter((p) => !result.conflicts.some((c) => sameTarget(p, c))),
            ...result.conflicts,
          ]);
        },
        onRefused: (_batch, message) =>
          setProblems([{ key: `ref-${Date.now()}`, message: `Сервер отказал в сохранении: ${message}` }]),
        onStatus: setStatus,
        onAdopted: showEdits,
      },
      // Before per-tab entries the outbox was one key per journal and user: what an older page left there is sent too.
      { prefix: outbox, legacyKeys: [`ezh:journal:${page.assignment.id}:${page.viewerId}`] },
    );
    queueRef.current = queue;
    // Edits kept in the browser from before a reload, a closed tab or a lost connection: show them, then send them.
    showEdits(queue.restored());
    queue.wake();
    const wake = () => queue.wake();
    const tick = () => queue.tick();
    const onVisible = () => {
      if (document.visibilityState === 'visible') queue.wake();
    };
    const onHide = () => queue.leave();
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) queue.resume();
    };
    const heartbeat = setInterval(tick, HEARTBEAT_MS);
    window.addEventListener('online', wake);
    window.addEventListener('focus', wake);
    window.addEventListener('storage', tick);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('pageshow', onShow);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(heartbeat);
      window.removeEventListener('online', wake);
      window.removeEventListener('focus', wake);
      window.removeEventListener('storage', tick);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('pageshow', onShow);
      document.removeEventListener('visibilitychange', onVisible);
      queue.leave();
      queue.stop();
    };
  }, [page, store]);

  /** Checks every edit; applies and queues them only if all pass (a paste is all or nothing). */
  const apply = useCallback(
    (edits: Edit[], source: BatchSource): boolean => {
      const queue = queueRef.current;
      if (!page.access.canEdit) {
        // A paste or a key in a read-only journal says why nothing happened.
        setProblems([
          {
            key: `ro-${Date.now()}`,
            message: `Ничего не изменено: ${page.access.reason ?? 'журнал открыт только для просмотра'}`,
          },
        ]);
        return false;
      }
      if (!queue) return false;
      const errors: Problem[] = [];
      const cells: (QueuedCell & { value: ReturnType<typeof parseCellInput> })[] = [];
      const attestation: (QueuedAttestation & { value: string | null })[] = [];
      for (const e of edits) {
        const student = students.get(e.studentId);
        if (!student) continue;
        if (e.lessonId !== undefined) {
          const lesson = lessons.get(e.lessonId)!;
          const refusal = lessonRefusal(page.viewerId, page.assignment.teacherUserId, lesson.taughtBy, lesson.date);
          if (refusal) {
            errors.push({ key: editKey(e), message: `${student.name}: ${refusal}` });
            continue;
          }
          const checked = checkCellEdit(
            {
              studentName: student.name,
              spans: student.spans,
              lessonDate: lesson.date,
              today: page.today,
              codes: page.attendanceCodes,
            },
            e.text,
          );
          if (!checked.ok) {
            errors.push({ key: editKey(e), message: checked.message });
            continue;
          }
          const state = store.cell(e.lessonId, e.studentId);
          const baseVersion = queue.queuedBase(e.lessonId, e.studentId) ?? state.conflict?.version ?? state.version;
          cells.push({
            lessonId: e.lessonId,
            studentId: e.studentId,
            text: formatCell(checked.value),
            baseVersion,
            value: { ok: true, value: checked.value },
          });
        } else if (e.field && page.access.substitute) {
          errors.push({
            key: editKey(e),
            message: `${describe(e)}: аттестацию выставляет преподаватель журнала`,
          });
        } else if (e.field) {
          const parsed = parseAttestationInput(e.field, e.text);
          if (!parsed.ok) {
            errors.push({ key: editKey(e), message: `${describe(e)}: ${parsed.error}` });
            continue;
          }
          const state = store.attestationCell(e.studentId, e.field);
          const baseVersion =
            queue.queuedAttestationBase(e.studentId, e.field) ?? state.conflict?.version ?? state.version;
          attestation.push({
            studentId: e.studentId,
            field: e.field,
            text: parsed.value ?? '',
            baseVersion,
            value: parsed.value,
          });
        }
      }
      if (errors.length > 0) {
        for (const e of edits) {
          const problem = errors.find((p) => p.key === editKey(e));
          if (problem && e.lessonId) store.setError(e.lessonId, e.studentId, problem.message);
          else if (problem && e.field) store.setAttestationError(e.studentId, e.field, problem.message);
        }
        const placed = errors.map((problem) => {
          const place = edits.find((e) => editKey(e) === problem.key)?.place;
          return place ? { ...problem, message: `${blockPlace(place)} — ${problem.message}` } : problem;
        });
        setProblems(
          edits.length > 1
            ? [
                {
                  key: `sum-${Date.now()}`,
                  message: `Ничего не сохранено: ${countOf(errors.length, NOUNS.error)} в ${countOf(edits.length, NOUNS.cellIn)}.`,
                },
                ...placed,
              ]
            : placed,
        );
        return false;
      }
      setProblems([]);
      const changedCells = cells.filter(
        (c) =>
          formatCell(store.cell(c.lessonId, c.studentId).value) !== c.text ||
          store.cell(c.lessonId, c.studentId).conflict,
      );
      const changedAtt = attestation.filter(
        (a) =>
          (store.attestationCell(a.studentId, a.field).value ?? '') !== a.text ||
          store.attestationCell(a.studentId, a.field).conflict,
      );
      for (const c of changedCells) if (c.value.ok) store.setLocal(c.lessonId, c.studentId, c.value.value);
      for (const a of changedAtt) store.setLocalAttestation(a.studentId, a.field, a.value);
      setConflicts((prev) =>
        prev.filter((p) => !changedCells.some((c) => sameTarget(p, c)) && !changedAtt.some((a) => sameTarget(p, a))),
      );
      if (changedCells.length + changedAtt.length > 0) {
        queue.add(
          source,
          changedCells.map(({ value: _v, ...c }) => c),
          changedAtt.map(({ value: _v, ...a }) => a),
        );
      }
      return true;
    },
    [page, students, lessons, store, describe],
  );

  /** «Оставить моё» sends the teacher's value over the current version; «Принять другое» shows the other one. */
  const resolveConflict = useCallback(
    (conflict: ConflictItem, keepMine: boolean) => {
      if (keepMine) {
        apply(
          [
            {
              studentId: conflict.studentId,
              lessonId: conflict.lessonId,
              field: conflict.field as AttestationField | undefined,
              text: conflict.mine,
            },
          ],
          'typing',
        );
      } else if (conflict.lessonId) {
        const parsed = parseCellInput(conflict.theirs, page.attendanceCodes);
        store.replace(
          conflict.lessonId,
          conflict.studentId,
          parsed.ok ? parsed.value : { attendance: null, grade1: null, grade2: null },
          conflict.version,
        );
      } else if (conflict.field) {
        store.replaceAttestation(conflict.studentId, conflict.field, conflict.theirs || null, conflict.version);
      }
      setConflicts((prev) => prev.filter((p) => !sameTarget(p, conflict)));
    },
    [apply, page.attendanceCodes, store],
  );

  const flush = useCallback(async () => {
    await queueRef.current?.flush();
  }, []);

  return { store, status, conflicts, problems, setProblems, apply, resolveConflict, flush, describe };
}

function sameTarget(
  a: { studentId: number; lessonId?: number; field?: string },
  b: { studentId: number; lessonId?: number; field?: string },
) {
  return (
    a.studentId === b.studentId &&
    (a.lessonId ?? null) === (b.lessonId ?? null) &&
    (a.field ?? null) === (b.field ?? null)
  );
}
