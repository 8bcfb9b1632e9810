/** The bench database: the college seed on PostgreSQL (created and seeded when empty), plus a 35 × 80 journal. */
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { inTransaction, openDatabase, queryRows, type Database } from '../db/client';
import { curriculumItems, groupMemberships, groups, lessons, students, teachingAssignments, users } from '../db/schema';
import { bulkInsert } from '../db/bulk';
import { isEmpty, seedDatabase } from '../db/seed';
import { JOIN } from '../db/joins';

export const BENCH_GROUP = 'ИС-БЕНЧ';

export async function openBenchDatabase(url: string, log: (s: string) => void): Promise<Database> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = postgres({
    host: target.hostname,
    port: Number(target.port || 5432),
    user: decodeURIComponent(target.username || 'postgres'),
    password: target.password || undefined,
    database: 'postgres',
    max: 1,
    onnotice: () => {},
  });
  let [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (exists) {
    // A bench database seeded before the timetable existed is made again: the figures need the seeded week.
    const probe = postgres(url, { max: 1, onnotice: () => {} });
    const [old] = await probe`select 1 from information_schema.tables where table_name = 'institutions'
      and not exists (select 1 from information_schema.tables where table_name = 'timetable_entries')`.catch(() => []);
    const [empty] = old
      ? [old]
      : await probe`select 1 where exists (select 1 from institutions)
          and not exists (select 1 from timetable_entries)`.catch(() => []);
    await probe.end();
    if (empty) {
      log(`База ${name} заполнена без расписания: создаю её заново…`);
      await admin.unsafe(`DROP DATABASE "${name}" WITH (FORCE)`);
      exists = undefined;
    }
  }
  if (!exists) {
    log(`Создаю базу ${name}…`);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  }
  await admin.end();
  const database = await openDatabase({ url, migrate: true, max: 10 });
  if (await isEmpty(database.db)) {
    log('База пуста: заполняю колледж (масштаб college), это около минуты…');
    const summary = await seedDatabase(database.db, { scale: 'college' }, (line) => log(line));
    log(`Заполнено за ${(summary.ms / 1000).toFixed(1)} с: ${summary.cells} ячеек.`);
  }
  return database;
}

/**
 * A journal of 35 students × 80 lessons for the browser figure (college groups have 20–30 students): made once,
 * in the first term, for the demo teacher.
 */
export async function ensureBigJournal(database: Database): Promise<number> {
  const db = database.db;
  const [existing] = await queryRows<{ id: number }>(
    db,
    sql`select ta.id from teaching_assignments ta join groups g on g.institution_id = ta.institution_id and g.id = ta.group_id where g.name = ${BENCH_GROUP}`,
  );
  if (existing) return existing.id;
  const [teacher] = await db.select().from(users).where(eq(users.login, 'prepod'));
  const [template] = await db
    .select({ group: groups, item: curriculumItems, termId: teachingAssignments.termId })
    .from(teachingAssignments)
    .innerJoin(groups, JOIN.assignmentGroup)
    .innerJoin(curriculumItems, JOIN.assignmentItem)
    .where(and(eq(teachingAssignments.teacherUserId, teacher!.id), eq(teachingAssignments.termId, 1)))
    .limit(1);
  const inst = template!.group.institutionId;
  return inTransaction(db, async (tx) => {
    const [group] = await tx
      .insert(groups)
      .values({ ...template!.group, id: undefined, name: BENCH_GROUP, curatorUserId: null })
      .returning();
    const studentRows = await tx
      .insert(students)
      .values(
        Array.from({ length: 35 }, (_, i) => ({
          institutionId: inst,
          lastName: `Бенчмарков${String(i + 1).padStart(2, '0')}`,
          firstName: 'Студент',
          middleName: 'Тестович',
        })),
      )
      .returning({ id: students.id });
    await tx.insert(groupMemberships).values(
      studentRows.map((s) => ({
        institutionId: inst,
        studentId: s.id,
        groupId: group!.id,
        fromDate: '2026-09-01',
        reason: 'Зачисление',
      })),
    );
    const [assignment] = await tx
      .insert(teachingAssignments)
      .values({
        institutionId: inst,
        termId: template!.termId,
        groupId: group!.id,
        curriculumItemId: template!.item.id,
        teacherUserId: teacher!.id,
        plannedHours: 160,
      })
      .returning();
    const dates: string[] = [];
    for (let d = new Date('2026-09-01T00:00:00Z'); dates.length < 80; d.setUTCDate(d.getUTCDate() + 1)) {
      if (d.getUTCDay() !== 0) dates.push(d.toISOString().slice(0, 10));
    }
    const lessonRows = await tx
      .insert(lessons)
      .values(
        dates.map((date, i) => ({
          institutionId: inst,
          teachingAssignmentId: assignment!.id,
          date,
          pairNo: 1,
          hours: 2,
          kind: i % 9 === 8 ? 'test' : 'practical',
          topic: `Тема ${i + 1}`,
        })),
      )
      .returning({ id: lessons.id });
    const marks = ['', '', '', '5', '4', '3', 'н', '4/5', '', '5'];
    const cells = lessonRows.flatMap((l, i) =>
      studentRows.map((s, j) => {
        const m = marks[(i * 7 + j * 3) % marks.length]!;
        return {
          institution_id: inst,
          lesson_id: l.id,
          student_id: s.id,
          attendance: m === 'н' ? 'н' : null,
          grade1: m && m !== 'н' ? m.split('/')[0] : null,
          grade2: m.includes('/') ? m.split('/')[1] : null,
          version: 1,
        };
      }),
    );
    await bulkInsert(tx, 'journal_cells', cells);
    return assignment!.id;
  });
}
