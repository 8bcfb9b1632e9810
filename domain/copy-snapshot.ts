/**
 * The data a certified copy shows, as a flat map «what → printed value» (issue #12, item 6): its canonical JSON's
 * SHA-256 is the copy's fingerprint, and comparing the map taken at certification with one taken now names every cell
 * that changed since. Rendering the same data twice gives the same map, whatever the PDF's bytes.
 *
 * Keys: `j:<journal>` subject title · `s:<journal>:<student>` row number · `n:<student>` name · `l:<lesson>:<field>`
 * date, hours, topic, homework, teacher · `c:<lesson>:<student>` the printed mark · `a:<journal>:<header>:<student>` an
 * attestation result · for the consolidated sheet `r:<column>:<student>` a result, `m:<student>` missed hours.
 */
import type { ConsolidatedSheet } from './consolidated-sheet';
import { formatDate } from './dates';
import type { PrintoutSubject } from './journal-printout';

export type Snapshot = Record<string, string>;

/** The printed journal's snapshot: only what the copy prints (lessons of the interval, their marks). */
export function journalSnapshot(subjects: readonly PrintoutSubject[]): Snapshot {
  const s: Snapshot = {};
  for (const j of subjects) {
    s[`j:${j.assignmentId}`] = j.title;
    j.students.forEach((st, i) => {
      s[`s:${j.assignmentId}:${st.id}`] = String(i + 1);
      s[`n:${st.id}`] = st.name;
    });
    for (const l of j.lessons) {
      s[`l:${l.id}:date`] = l.date;
      s[`l:${l.id}:hours`] = String(l.hours);
      s[`l:${l.id}:topic`] = l.topic ?? '';
      s[`l:${l.id}:homework`] = l.homework ?? '';
      s[`l:${l.id}:teacher`] = l.teacher;
      s[`l:${l.id}:journal`] = String(j.assignmentId);
      for (const st of j.students) {
        const mark = j.marks.get(`${l.id}:${st.id}`);
        if (mark) s[`c:${l.id}:${st.id}`] = mark;
      }
    }
    for (const a of j.attestation)
      for (const [studentId, value] of a.values) s[`a:${j.assignmentId}:${a.header}:${studentId}`] = value;
  }
  return s;
}

/** The consolidated sheet's snapshot: results and missed hours per student. */
export function sheetSnapshot(sheet: ConsolidatedSheet): Snapshot {
  const s: Snapshot = {};
  sheet.columns.forEach((c) => (s[`j:${c.key}`] = `${c.code} ${c.shortName} (${c.formLabel})`));
  for (const r of sheet.rows) {
    s[`n:${r.studentId}`] = r.name;
    s[`s:sheet:${r.studentId}`] = String(r.no);
    s[`m:${r.studentId}`] = `${r.missedValid}/${r.missedInvalid}`;
    r.values.forEach((v, i) => {
      if (v !== null) s[`r:${sheet.columns[i]!.key}:${r.studentId}`] = v;
    });
  }
  return s;
}

/** The snapshot as JSON with its keys in order: the text the fingerprint is taken of. */
export function canonicalJson(s: Snapshot): string {
  return JSON.stringify(
    Object.keys(s)
      .sort()
      .map((k) => [k, s[k]]),
  );
}

export interface SnapshotChange {
  key: string;
  before: string | null;
  after: string | null;
}

/** Every key whose value differs (added, removed or changed), in key order. */
export function snapshotDiff(before: Snapshot, after: Snapshot): SnapshotChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => (before[k] ?? null) !== (after[k] ?? null))
    .map((k) => ({ key: k, before: before[k] ?? null, after: after[k] ?? null }));
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A verification code «K7M2Q-9QXDA»: 10 characters of 32 (50 bits), no 0/O or 1/I to misread. */
export function verificationCode(randomBytes: Uint8Array): string {
  const chars = [...randomBytes.slice(0, 10)].map((b) => ALPHABET[b % 32]!);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5, 10).join('')}`;
}

/** Whether text looks like a verification code (case and a missing dash forgiven). */
export function normalizeCode(text: string): string | null {
  const plain = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (plain.length !== 10 || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/**
 * What a changed key is, in Russian, from the snapshots: «ОП.02 …, занятие 12.10.2026, строка 5». Student names only
 * when `names` (staff in scope); the row number on the copy otherwise.
 */
export function describeChange(key: string, before: Snapshot, after: Snapshot, names: boolean): string {
  const get = (k: string) => before[k] ?? after[k] ?? '';
  const parts = key.split(':');
  const student = (journal: string, id: string) =>
    names && get(`n:${id}`) ? get(`n:${id}`) : `строка ${get(`s:${journal}:${id}`) || '?'}`;
  const lesson = (id: string) => `${get(`j:${get(`l:${id}:journal`)}`)}, занятие ${formatDate(get(`l:${id}:date`))}`;
  const FIELDS: Record<string, string> = {
    date: 'дата',
    hours: 'часы',
    topic: 'тема',
    homework: 'домашнее задание',
    teacher: 'проводил',
    journal: 'журнал',
  };
  switch (parts[0]) {
    case 'c':
      return `${lesson(parts[1]!)}: ${student(get(`l:${parts[1]}:journal`), parts[2]!)}`;
    case 'l':
      return `${lesson(parts[1]!)}: ${FIELDS[parts[2]!] ?? parts[2]}`;
    case 'a':
      return `${get(`j:${parts[1]}`)}, аттестация «${parts[2]}»: ${student(parts[1]!, parts[3]!)}`;
    case 'r':
      return `${get(`j:${parts[1]}`)}: ${student('sheet', parts[2]!)}`;
    case 'm':
      return `Пропущено часов (уваж./неуваж.): ${student('sheet', parts[1]!)}`;
    case 'n':
      return names ? `ФИО студента (${get(key)})` : 'ФИО студента';
    case 's':
      return `Список студентов: ${get(`j:${parts[1]}`) || 'ведомость'}`;
    case 'j':
      return `Предмет: ${get(key)}`;
    default:
      return key;
  }
}
