/**
 * The living demo's day at the college (issue #29, item 1), made through the app's own services on a just-seeded demo
 * college, so that every role's first screen shows its feature at work: the methodist's check found the demo teacher's
 * oldest lessons without a topic and issued remarks (her home page lists them), the check's results and a methodist's
 * post are on the notice board, and the head of department has certified a copy of ИС-21's journal (verifiable by its
 * QR code), and asked for the printed journals of all groups. `npm start` runs it after seeding (server/startup.ts);
 * the tests' and the e2e's demo stay without it (their fixtures count remarks and posts from none).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { JOIN } from '../../db/joins';
import { groups, teachingAssignments, terms, users } from '../../db/schema';
import { DEMO_LOGINS } from '../../db/seed';
import { loadActor, type Actor } from '../policy/actor';
import type PgBoss from 'pg-boss';
import { certifyCopy } from '../reports/certify';
import { collegePrintoutsInput, startCollegePrintouts } from '../reports/jobs';
import { monitoring, monitoringInput } from '../services/control/monitoring';
import { postNotice, postNoticeInput, postCheckResults } from '../services/control/notices';
import { issueRemarks, issueRemarksInput } from '../services/control/remarks';
import { formatDate } from '../../domain/dates';
import { countOf, NOUNS } from '../../domain/plural';
import { flagKey, isIssuable } from '../../domain/monitoring';

/** Remarks the methodist issues to the demo teacher: her oldest violations, a few. */
const REMARKS = 2;

async function actorOf(db: Db, login: string): Promise<Actor> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, login)).limit(1);
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new Error(`Демо-колледж: нет учётной записи ${login}`);
  return actor;
}

/**
 * Lines for the console: what the day made. With the job queue, the methodist also asks for the printed journals of
 * every group for the term (the workers draw them in the background: a finished job in «Отчёты» a minute later).
 */
export async function liveDemoStory(db: Db, queue?: PgBoss): Promise<string[]> {
  const methodist = await actorOf(db, DEMO_LOGINS.methodist);
  const head = await actorOf(db, DEMO_LOGINS.head);
  const teacher = await actorOf(db, DEMO_LOGINS.teacher);
  const lines: string[] = [];

  const report = await monitoring(db, methodist, monitoringInput.parse({ teacherId: teacher.userId }));
  const keys = report.flags.filter(isIssuable).slice(0, REMARKS).map(flagKey);
  if (keys.length > 0) {
    const issued = await issueRemarks(db, methodist, issueRemarksInput.parse({ keys, teacherId: teacher.userId }));
    lines.push(`Проверка журналов: ${issued.message.toLowerCase()} преподавателю ${teacher.lastName}`);
  }
  await postCheckResults(db, head, monitoringInput.parse({}));
  await postNotice(
    db,
    methodist,
    postNoticeInput.parse({
      title: 'Заполнение журнала к концу семестра',
      body:
        `До ${formatDate(report.term.endsOn)} в каждом журнале — не меньше 5 оценок у каждого студента (п. 5.6 Положения). ` +
        'Список студентов в зоне риска — на странице «Контроль», раздел «Риск к концу семестра».',
      roles: ['teacher', 'curator'],
      needsRead: true,
    }),
  );
  lines.push('Доска информации: итоги проверки и объявление методиста');

  const [journal] = await db
    .select({ groupId: groups.id, termId: terms.id })
    .from(teachingAssignments)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(terms, JOIN.assignmentTerm)
    .where(and(eq(groups.name, 'ИС-21'), eq(terms.number, 1)))
    .limit(1);
  if (journal) {
    const copy = await certifyCopy(db, head, {
      kind: 'journal',
      query: new URLSearchParams({
        groupId: String(journal.groupId),
        termId: String(journal.termId),
      }).toString(),
    });
    lines.push(`Заверенная копия: ${copy.title}, ${copy.pages} с., код ${copy.code}`);
    if (queue) {
      const job = await startCollegePrintouts(
        db,
        queue,
        methodist,
        collegePrintoutsInput.parse({ termId: journal.termId }),
      );
      lines.push(`Печать журналов всех групп: задание № ${job.jobId}, ${countOf(job.groups, NOUNS.group)} — в очереди`);
    }
  }
  return lines;
}
