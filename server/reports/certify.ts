/**
 * Certified copies you can verify (issue #12, item 6). The head of department certifies «Распечатка классного журнала»
 * of a group of the department, the director (here: the administrator) the consolidated sheet (regulation §6.2–6.4).
 * The system keeps who, when, the parameters, the rendered PDF and the data the copy shows with its SHA-256; every page
 * carries the verification code and a QR code of the verification address. Verifying recomputes the data from the
 * journal as it is now and names every cell that changed since — who and when only to signed-in staff of the group.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { z } from 'zod';
import { queryRows, type Db } from '../../db/client';
import { certifiedCopies, institutions } from '../../db/schema';
import {
  canonicalJson,
  describeChange,
  journalSnapshot,
  sheetSnapshot,
  snapshotDiff,
  verificationCode,
  type Snapshot,
} from '../../domain/copy-snapshot';
import { FORM_COLUMNS } from '../../domain/attestation';
import { formatDate } from '../../domain/dates';
import { fullName, shortName } from '../../domain/names';
import { can, type Actor } from '../policy/actor';
import { forbidden, outOfScope } from '../policy/refusal';
import { publicUrl } from '../public-url';
import { logAdminChange } from '../services/admin-log';
import { consolidatedInputFromQuery, loadConsolidatedSheet } from './consolidated/load';
import { loadGroupHeader } from './group-header';
import { renderDocument, type RenderedPdf, type ReportDocument } from './render/documents';
import { loadJournalCopy, printoutInputFromQuery, printoutSubjects } from './printout/load';

export const COPY_KINDS = ['journal', 'consolidated'] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

export const certifyInput = z.object({
  kind: z.enum(COPY_KINDS, { error: 'Вид копии: журнал или сводная ведомость' }),
  /** The report's query as its download link has it (`groupId=…&termId=…&from=…`). */
  query: z.string().max(1000, 'Параметры отчёта: слишком длинные'),
});
export type CertifyInput = z.infer<typeof certifyInput>;

/** What every page of a certified copy carries. */
export interface CopyStamp {
  code: string;
  url: string;
  /** The QR code of `url`, a PNG data URL. */
  qr: string;
}

export function fingerprintOf(snapshot: Snapshot): string {
  return createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}

interface Made {
  groupId: number;
  termId: number;
  title: string;
  snapshot: Snapshot;
  document: ReportDocument;
}

/** Draws a document: here (`renderDocument`), or in the renderer process for a background job (`renderOffThread`). */
export type DocumentRenderer = (document: ReportDocument, stamp?: CopyStamp) => Promise<RenderedPdf>;

/** The report's data and renderer for the parameters, read with the actor's scope (an out-of-scope group is 403). */
async function makeReport(db: Db, actor: Actor, kind: CopyKind, params: URLSearchParams): Promise<Made> {
  if (kind === 'journal') {
    const copy = await loadJournalCopy(db, actor, printoutInputFromQuery(params));
    const subjects = printoutSubjects(copy);
    const subject = copy.all ? 'все предметы' : (subjects[0]?.title ?? '');
    return {
      groupId: copy.group.id,
      termId: copy.term.id,
      title: `Классный журнал ${copy.group.name}, ${copy.term.name}, с ${formatDate(copy.from)} по ${formatDate(copy.to)}, ${subject}`,
      snapshot: journalSnapshot(subjects),
      document: { kind: 'printout', data: copy },
    };
  }
  const report = await loadConsolidatedSheet(db, actor, consolidatedInputFromQuery(params));
  return {
    groupId: report.header.group.id,
    termId: report.header.term.id,
    title: `Сводная ведомость ${report.header.group.name}, ${report.periodLabel}`,
    snapshot: sheetSnapshot(report.sheet),
    document: { kind: 'consolidated', data: report },
  };
}

/** Who may certify which kind (regulation §6: the head of department the journal, the director the sheets). */
const CERTIFY_PERMISSION = { journal: 'reports.certifyJournal', consolidated: 'reports.certifySheet' } as const;

/**
 * Certifies a copy: the report as the actor may read it, stamped on every page, stored with its data and fingerprint,
 * logged. Returns the verification code. 403 without the right or outside the group's scope. A year's archive
 * (`archiveYearId`, server/reports/year-archive.ts) stores its copies this way, drawn in the renderer process.
 */
export async function certifyCopy(
  db: Db,
  actor: Actor,
  input: CertifyInput,
  options: { archiveYearId?: number; render?: DocumentRenderer } = {},
): Promise<{ code: string; title: string; pages: number }> {
  const permission = CERTIFY_PERMISSION[input.kind];
  if (!can(actor, permission))
    throw forbidden(
      input.kind === 'journal'
        ? 'Копию журнала заверяет заведующий отделением'
        : 'Сводную ведомость заверяет директор (администратор)',
    );
  const params = new URLSearchParams(input.query);
  const made = await makeReport(db, actor, input.kind, params);
  const header = await loadGroupHeader(db, actor, made.groupId, made.termId, permission);
  if (!header) throw outOfScope();
  const code = verificationCode(randomBytes(10));
  const url = `${publicUrl()}/verify/${code}`;
  const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 160 });
  const { pdf, pages } = await (options.render ?? renderDocument)(made.document, { code, url, qr });
  const fingerprint = fingerprintOf(made.snapshot);
  const position =
    actor.position ?? (input.kind === 'journal' ? `Заведующий отделением «${header.group.department}»` : 'Директор');
  await db.transaction(async (tx) => {
    await tx.insert(certifiedCopies).values({
      institutionId: header.institutionId,
      code,
      kind: input.kind,
      groupId: made.groupId,
      params: Object.fromEntries(params),
      title: made.title,
      snapshot: made.snapshot,
      fingerprint,
      pdf,
      pages,
      archiveYearId: options.archiveYearId ?? null,
      certifiedBy: actor.userId,
      certifierPosition: position,
      certifierName: fullName(actor),
    });
    await logAdminChange(
      tx,
      actor,
      header.institutionId,
      'certified_copy',
      null,
      { code, kind: input.kind, title: made.title, fingerprint, archiveYearId: options.archiveYearId ?? null },
      null,
    );
  });
  return { code, title: made.title, pages };
}

export interface CopyListItem {
  code: string;
  kind: CopyKind;
  title: string;
  certifiedAt: string;
  certifier: string;
}

/** The group's certified copies, newest first, for whoever reads the group's reports. */
export async function groupCopies(db: Db, actor: Actor, groupId: number, termId: number): Promise<CopyListItem[]> {
  const header = await loadGroupHeader(db, actor, groupId, termId, 'reports.group');
  if (!header) throw outOfScope();
  const rows = await db
    .select({
      code: certifiedCopies.code,
      kind: certifiedCopies.kind,
      title: certifiedCopies.title,
      certifiedAt: certifiedCopies.certifiedAt,
      position: certifiedCopies.certifierPosition,
      name: certifiedCopies.certifierName,
    })
    .from(certifiedCopies)
    .where(and(eq(certifiedCopies.institutionId, header.institutionId), eq(certifiedCopies.groupId, groupId)))
    .orderBy(desc(certifiedCopies.certifiedAt));
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind as CopyKind,
    title: r.title,
    certifiedAt: new Date(r.certifiedAt).toISOString(),
    certifier: `${r.position} ${r.name}`,
  }));
}

/** The stored PDF of a copy, for whoever reads the group's reports. */
export async function copyPdf(db: Db, actor: Actor, code: string): Promise<{ title: string; pdf: Buffer }> {
  const [row] = await db.select().from(certifiedCopies).where(eq(certifiedCopies.code, code));
  if (!row) throw outOfScope();
  const termId = Number((row.params as Record<string, string>).termId);
  if (!(await loadGroupHeader(db, actor, row.groupId, termId, 'reports.group'))) throw outOfScope();
  return { title: row.title, pdf: row.pdf };
}

export interface Verification {
  code: string;
  kind: CopyKind;
  title: string;
  college: string;
  /** The college's zone: the page shows times in it. */
  timeZone: string;
  certifiedAt: string;
  certifier: string;
  pages: number;
  fingerprint: string;
  currentFingerprint: string;
  matches: boolean;
  /** Whether names (of students, of who changed) are shown: a signed-in member of staff in the group's scope. */
  names: boolean;
  changes: { what: string; before: string | null; after: string | null; at: string | null; by: string | null }[];
  /** Changes beyond the first 200 are counted, not listed. */
  more: number;
}

/**
 * The verification of a code, for anyone who has it: whether the journal still shows the data of the copy and, if not,
 * what changed, when, and (to staff in scope) by whom. The data is read for the copy's college as a read-only
 * reader, whoever asks; null for an unknown code.
 */
export async function verifyCopy(db: Db, viewer: Actor | null, code: string): Promise<Verification | null> {
  const [row] = await db.select().from(certifiedCopies).where(eq(certifiedCopies.code, code));
  if (!row) return null;
  const params = new URLSearchParams(row.params as Record<string, string>);
  const [college] = await db.select().from(institutions).where(eq(institutions.id, row.institutionId));
  const reader: Actor = {
    userId: 0,
    login: 'verification',
    lastName: 'Проверка',
    firstName: 'копии',
    middleName: null,
    position: null,
    institutionId: row.institutionId,
    timeZone: college!.timeZone,
    mustChangePassword: false,
    sessionId: null,
    grants: [{ role: 'inspector', institutionId: row.institutionId, departmentId: null, groupId: null }],
    ownStudentIds: [],
    childStudentIds: [],
    childAccessEnded: [],
  };
  const kind = row.kind as CopyKind;
  const made = await makeReport(db, reader, kind, params);
  const stored = row.snapshot as Snapshot;
  const diff = snapshotDiff(stored, made.snapshot);
  const names =
    viewer !== null && (await loadGroupHeader(db, viewer, row.groupId, made.termId, 'reports.group')) !== null;
  const listed = diff.slice(0, 200);
  const who = await whoChanged(
    db,
    row.institutionId,
    row.certifiedAt,
    listed.map((d) => d.key),
  );
  const hide = (key: string, value: string | null) => (!names && key.startsWith('n:') ? (value ? '…' : null) : value);
  return {
    code: row.code,
    kind,
    title: row.title,
    college: college!.shortName,
    timeZone: college!.timeZone,
    certifiedAt: new Date(row.certifiedAt).toISOString(),
    certifier: `${row.certifierPosition} ${row.certifierName}`,
    pages: row.pages,
    fingerprint: row.fingerprint,
    currentFingerprint: fingerprintOf(made.snapshot),
    matches: diff.length === 0,
    names,
    changes: listed.map((d) => {
      const w = who.get(d.key);
      return {
        what: describeChange(d.key, stored, made.snapshot, names),
        before: hide(d.key, d.before),
        after: hide(d.key, d.after),
        at: w?.at ?? null,
        by: names ? (w?.by ?? null) : null,
      };
    }),
    more: diff.length - listed.length,
  };
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

/** The last change after `since` of each cell, lesson or attestation result key: when and by whom (short name). */
async function whoChanged(
  db: Db,
  institutionId: number,
  since: Date | string,
  keys: string[],
): Promise<Map<string, { at: string; by: string }>> {
  const found = new Map<string, { at: string; by: string }>();
  const cells = keys.filter((k) => k.startsWith('c:')).map((k) => k.split(':').map(Number) as [number, number, number]);
  const lessonKeys = keys.filter((k) => k.startsWith('l:'));
  const at = new Date(since).toISOString();
  type Row = {
    lesson_id: number | null;
    student_id: number | null;
    at: string;
    last_name: string;
    first_name: string;
    middle_name: string | null;
  };
  const name = (r: Row) => shortName({ lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name });
  if (cells.length) {
    const lessonIds = [...new Set(cells.map(([, l]) => l))];
    const rows = await queryRows<Row>(
      db,
      sql`select distinct on (cc.lesson_id, s.student_id) cc.lesson_id, s.student_id, (extract(epoch from cc.at) * 1000)::float8 as at,
            u.last_name, u.first_name, u.middle_name
          from cell_changes cc cross join lateral unnest(cc.student_ids) as s(student_id)
          join users u on u.id = cc.user_id
          where cc.institution_id = ${institutionId} and cc.at > ${at}
            and cc.lesson_id in (${sql.join(
              lessonIds.map((id) => sql`${id}`),
              sql`, `,
            )})
          order by cc.lesson_id, s.student_id, cc.at desc`,
    );
    for (const r of rows) found.set(`c:${r.lesson_id}:${r.student_id}`, { at: iso(r.at), by: name(r) });
  }
  const lessonIds = [...new Set(lessonKeys.map((k) => Number(k.split(':')[1])))];
  if (lessonIds.length) {
    const rows = await queryRows<Row>(
      db,
      sql`select distinct on (c.lesson_id) c.lesson_id, null::int as student_id, (extract(epoch from c.at) * 1000)::float8 as at, u.last_name, u.first_name, u.middle_name
          from change_log c join users u on u.id = c.user_id
          where c.institution_id = ${institutionId} and c.entity = 'lesson' and c.at > ${at}
            and c.lesson_id in (${sql.join(
              lessonIds.map((id) => sql`${id}`),
              sql`, `,
            )})
          order by c.lesson_id, c.at desc`,
    );
    for (const r of rows)
      for (const k of lessonKeys)
        if (k.split(':')[1] === String(r.lesson_id)) found.set(k, { at: iso(r.at), by: name(r) });
  }
  // Attestation results: `a:<journal>:<column header>:<student>` of a printed journal, `r:<item>@<term>:<student>` of a
  // consolidated sheet — the latest logged change of that student's result in that journal (that column).
  const results = keys.filter((k) => k.startsWith('a:') || k.startsWith('r:'));
  if (results.length) {
    const studentIds = [...new Set(results.map((k) => Number(k.split(':').at(-1))))];
    const rows = await queryRows<Row & { field: string; assignment_id: number; item_id: number; term_id: number }>(
      db,
      sql`select c.student_id, c.field, ta.id as assignment_id, ta.curriculum_item_id as item_id, ta.term_id,
            null::int as lesson_id, (extract(epoch from c.at) * 1000)::float8 as at, u.last_name, u.first_name, u.middle_name
          from change_log c
          join edit_batches b on b.institution_id = c.institution_id and b.id = c.batch_id
          join teaching_assignments ta on ta.institution_id = b.institution_id and ta.id = b.teaching_assignment_id
          join users u on u.id = c.user_id
          where c.institution_id = ${institutionId} and c.entity = 'attestation' and c.at > ${at}
            and c.student_id in (${sql.join(
              studentIds.map((id) => sql`${id}`),
              sql`, `,
            )})
          order by c.at desc`,
    );
    for (const key of results) {
      const parts = key.split(':');
      const studentId = Number(parts.at(-1));
      const match = rows.find((r) => {
        if (r.student_id !== studentId) return false;
        if (parts[0] === 'a') return String(r.assignment_id) === parts[1] && RESULT_FIELD[parts[2]!] === r.field;
        return `${r.item_id}@${r.term_id}` === parts[1];
      });
      if (match) found.set(key, { at: iso(match.at), by: name(match) });
    }
  }
  return found;
}

/** The field of an attestation column by the header a printed journal shows it under («Сем.» → sem, «Экз.» → exam). */
const RESULT_FIELD: Record<string, string> = Object.fromEntries(
  [['Сем.', 'sem'] as const, ...Object.values(FORM_COLUMNS).map((c) => [c.header, c.field] as const)].map(
    ([header, field]): [string, string] => [header, field],
  ),
);
