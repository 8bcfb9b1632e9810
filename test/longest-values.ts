/**
 * The longest values the forms accept, written into a test's copy of the demo college (issue #26, item 3): the
 * college's names, a group, its specialty and department, a term, subjects, students, staff, parents, rooms, a lesson's
 * topic and homework, marks and attestation results that are widest in print, and a КТП. Each value is as long as its
 * form's schema allows (`LIMITS` names the schema; server/reports/pdf-layout.test.ts checks each against it) and is a
 * realistic worst case: hyphenated double names, a long unbroken word, a link in the homework.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import {
  attestationResults,
  curriculumItems,
  departments,
  groupMemberships,
  groups,
  guardians,
  institutions,
  journalCells,
  lessons,
  specialties,
  studentGuardians,
  students,
  subgroups,
  teachingAssignments,
  terms,
  users,
} from '../db/schema';
import { LESSON_KINDS } from '../domain/lesson-kinds';
import type { Role } from '../domain/roles';
import type { Actor } from '../server/policy/actor';
import { loadKtp, saveKtp, saveKtpInput } from '../server/services/journal/ktp';
import { placeEntry, placeInput } from '../server/services/timetable/template';
import { demoJournalId, foreignJournalId } from './journal-fixtures';

/** Words repeated up to exactly `n` characters, the last one cut to fit (never a trailing space). */
export function fill(text: string, n: number, separator = ' '): string {
  const words = text.split(separator);
  let out = '';
  for (let i = 0; out.length < n; i++) {
    const word = words[i % words.length]!;
    const next = out ? `${out}${separator}${word}` : word;
    if (next.length <= n) out = next;
    else {
      const room = n - out.length - (out ? separator.length : 0);
      out = room > 0 ? `${out}${out ? separator : ''}${word.slice(0, room)}` : `${out.slice(0, n - 1)}${word[0]}`;
    }
  }
  return out;
}

/** The maximum lengths, as the forms' schemas have them (the form, the field). */
export const LIMITS = {
  collegeFullName: 500, // createInstitutionInput.fullName
  collegeShortName: 200, // createInstitutionInput.shortName
  department: 200, // departmentInput.name
  specialty: 300, // specialtyInput.name
  group: 30, // groupInput.name
  term: 100, // openYearInput.terms[].name
  subject: 300, // curriculum template «Наименование» (domain/curriculum-template.ts)
  subjectShort: 60, // curriculum template «Краткое наименование»
  subgroup: 60, // saveSubgroupsInput.subgroups[].name
  personName: 100, // enrolInput / createStaffInput / linkGuardianInput: last, first, middle name each
  topic: 500, // lessonFields.topic
  homework: 500, // lessonFields.homework
  room: 20, // roomInput.number
  building: 20, // roomInput.building
  ktpTitle: 300, // saveKtpInput.rows[].title
  ktpApprovedBy: 200, // saveKtpInput.approvedBy
  ktpReviewedAt: 300, // saveKtpInput.reviewedAt
} as const;

const SURNAMES = 'Салтыкова-Щедрина-Римская-Корсакова-Мамедова-Задунайская-Голенищева-Кутузова-Бонч-Бруевича-Муравьёва';
const FIRST_NAMES = 'Анна-Мария-Луиза-Елизавета-Александра-Виктория-Констанция-Аделаида';
const PATRONYMICS = 'Александровна-Константиновна-Владимировна-Святославовна';

/** People whose names the documents must print whole. */
export const PEOPLE = {
  /** The names of the report (issue #26, item 3 a). */
  mamedov: { lastName: 'Мамедов-Задунайский', firstName: 'Абдурахман-Константин', middleName: 'Гаджимурадович' },
  rimskaya: { lastName: 'Римская-Корсакова', firstName: 'Анна-Мария-Луиза', middleName: 'Александровна' },
  /** Every part as long as the form accepts. */
  longest: {
    lastName: fill(SURNAMES, LIMITS.personName, '-'),
    firstName: fill(FIRST_NAMES, LIMITS.personName, '-'),
    middleName: fill(PATRONYMICS, LIMITS.personName, '-'),
  },
  /** A surname of 100 letters in one word: the forms accept it. */
  unbroken: {
    lastName: `З${'адунайскийкорсаковщедринголенищевкутузов'.repeat(3)}`.slice(0, LIMITS.personName),
    firstName: 'Ян',
    middleName: null,
  },
  /** Staff: the demo teacher, the curator of ИС-21, the head of its department, a substitute. */
  teacher: {
    lastName: fill('Голенищева-Кутузова-Римская-Корсакова-Бонч-Бруевич', LIMITS.personName, '-'),
    firstName: fill('Анна-Мария-Елизавета-Констанция', LIMITS.personName, '-'),
    middleName: fill('Константиновна-Святославовна', LIMITS.personName, '-'),
  },
  curator: {
    lastName: fill('Муравьёва-Апостол-Салтыкова-Щедрина', LIMITS.personName, '-'),
    firstName: fill('Ольга-Виктория-Аделаида', LIMITS.personName, '-'),
    middleName: fill('Сергеевна-Владимировна', LIMITS.personName, '-'),
  },
  head: {
    lastName: fill('Бестужев-Рюмин-Мусин-Пушкин', LIMITS.personName, '-'),
    firstName: fill('Константин-Александр', LIMITS.personName, '-'),
    middleName: fill('Святославович-Владимирович', LIMITS.personName, '-'),
  },
  substitute: {
    lastName: fill('Сухово-Кобылин-Петров-Водкин', LIMITS.personName, '-'),
    firstName: fill('Пётр-Павел', LIMITS.personName, '-'),
    middleName: fill('Петрович-Павлович', LIMITS.personName, '-'),
  },
  guardian: {
    lastName: fill('Римская-Корсакова-Мамедова-Задунайская', LIMITS.personName, '-'),
    firstName: fill('Мария-Луиза-Елизавета', LIMITS.personName, '-'),
    middleName: fill('Константиновна-Александровна', LIMITS.personName, '-'),
  },
} as const;

const fullName = (p: { lastName: string; firstName: string; middleName: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

export const LONGEST = {
  collegeFullName: fill(
    'Государственное бюджетное профессиональное образовательное учреждение Краснодарского края «Краснодарский колледж информационных технологий, электронного приборостроения, экономики, сервиса и транспорта имени Героя Социалистического Труда Константина Александровича Мамедова-Задунайского»',
    LIMITS.collegeFullName,
  ),
  collegeShortName: fill(
    'ГБПОУ КК «Краснодарский колледж информационных технологий, электронного приборостроения, экономики, сервиса и транспорта имени К. А. Мамедова-Задунайского»',
    LIMITS.collegeShortName,
  ),
  department: fill(
    'Отделение информационных технологий, программирования в компьютерных системах, сетевого и системного администрирования и защиты информации в автоматизированных системах',
    LIMITS.department,
  ),
  specialty: fill(
    'Информационные системы и программирование (квалификации: программист; разработчик веб- и мультимедийных приложений; специалист по информационным системам; специалист по тестированию в области информационных технологий; администратор баз данных)',
    LIMITS.specialty,
  ),
  group: 'ИСиП-9.21-1к/ДОТ-вечерн.-сетев',
  term: fill(
    '1 семестр 2026/2027 учебного года (осенний, с промежуточной аттестацией в форме экзаменов и дифференцированных зачётов)',
    LIMITS.term,
  ),
  /** ОП.04, the journal of the report (b). */
  subject: fill(
    'Основы алгоритмизации и программирования с элементами разработки программных модулей программного обеспечения для компьютерных систем, инструментальных средств разработки и технологии разработки и защиты баз данных',
    LIMITS.subject,
  ),
  subjectShort: 'Программноаппаратныесредства и информационнокоммуникационные',
  /** Another journal of ИС-21: a realistic long name, and a short one that is one long word. */
  otherSubject: 'Разработка программных модулей программного обеспечения для компьютерных систем',
  otherSubjectShort: 'Электрорадиоизмерительнаятехника',
  subgroup: fill('1 подгруппа (английский язык, углублённое изучение, вечерняя форма)', LIMITS.subgroup),
  topic: fill(
    'Разработка линейных, разветвляющихся и циклических алгоритмов обработки одномерных и двумерных массивов данных с использованием подпрограмм, рекурсии и динамических структур данных; отладка и тестирование программных модулей в интегрированной среде разработки',
    LIMITS.topic,
  ),
  homework: fill(
    'Выполнить задания по ссылке https://moodle.krasnodar-college-informatics.example.ru/course/view.php?id=1234567&section=12#module-98765 и оформить отчёт по лабораторной работе № 12 по образцу; повторить конспект лекции',
    LIMITS.homework,
  ),
  /** A topic that is one long unbroken word: a formula or an identifier typed without spaces. */
  unbrokenTopic: fill('ПрограммныймодульОбработкиМассивовДанныхСИспользованиемРекурсии', 120),
  room: 'Лаборатория-мастерск',
  building: 'Учебно-лабораторный2',
  ktpSection: fill(
    'Раздел 1. Основы алгоритмизации: алгоритмы, их свойства и способы записи; типы данных, операторы и управляющие конструкции языка программирования; подпрограммы и модульное программирование; работа с файлами',
    LIMITS.ktpTitle,
  ),
  ktpTopic: fill(
    'Практическое занятие № 12. Разработка, отладка и тестирование программ обработки массивов с использованием подпрограмм; контрольнаяработаповсемуразделуалгоритмизациииметодовсортировки',
    LIMITS.ktpTitle,
  ),
  ktpApprovedBy: fill(
    'Заместитель директора по учебно-методической работе ГБПОУ КК «Краснодарский колледж информационных технологий» Мамедов-Задунайский Константин Александрович',
    LIMITS.ktpApprovedBy,
  ),
  ktpReviewedAt: fill(
    'на заседании предметно-цикловой комиссии профессиональных дисциплин специальностей 09.02.07 «Информационные системы и программирование» и 09.02.06 «Сетевое и системное администрирование», протокол № 1 от 30.08.2026',
    LIMITS.ktpReviewedAt,
  ),
  /** The widest mark a cell prints, and the widest attestation results. */
  mark: { grade1: 'нз', grade2: 'нз' },
  results: ['не зачтено', 'не освоен'],
};

export interface LongestFixture {
  institutionId: number;
  groupId: number;
  termId: number;
  departmentId: number;
  /** ОП.04 of ИС-21, the demo teacher's (report b). */
  journalId: number;
  foreignJournalId: number;
  /** Students of ИС-21 renamed to PEOPLE.mamedov, .rimskaya, .longest, .unbroken. */
  studentIds: { mamedov: number; rimskaya: number; longest: number; unbroken: number };
  /** The guardian of the «longest» student, renamed to PEOPLE.guardian. */
  guardianId: number;
  /** Texts every document that shows them must print whole. */
  names: Record<keyof typeof PEOPLE, string>;
}

/**
 * Writes the longest values into the demo college of `db` (a test's own copy) and returns where they are. The КТП is
 * saved through its service as the demo teacher, so its schema and rules accept it.
 */
export async function writeLongestValues(db: Db, actors: Record<Role, Actor>): Promise<LongestFixture> {
  const journalId = await demoJournalId(db, actors.teacher);
  const foreign = await foreignJournalId(db, actors.teacher);
  const [journal] = await db.select().from(teachingAssignments).where(eq(teachingAssignments.id, journalId));
  const [other] = await db.select().from(teachingAssignments).where(eq(teachingAssignments.id, foreign));
  const { institutionId, groupId, termId } = journal!;
  const [group] = await db.select().from(groups).where(eq(groups.id, groupId));
  const [term] = await db.select().from(terms).where(eq(terms.id, termId));
  // Students in the group the whole term (not the one who joined mid-term), so that every report of it lists them.
  const members = await queryRows<{ id: number }>(
    db,
    sql`select s.id from students s join group_memberships m on m.institution_id = s.institution_id and m.student_id = s.id
        where m.group_id = ${groupId} and m.to_date is null and m.from_date <= ${term!.startsOn}
        order by s.last_name, s.first_name, s.id`,
  );
  // Students with a parent, so that the slips have a parent to print; the demo student and child keep their names.
  const keep = new Set([...actors.student.ownStudentIds, ...actors.parent.childStudentIds].map((s) => s.studentId));
  const candidates = members.map((m) => m.id).filter((id) => !keep.has(id));
  const [mamedov, rimskaya, longest, unbroken] = candidates as [number, number, number, number];

  await db
    .update(institutions)
    .set({ fullName: LONGEST.collegeFullName, shortName: LONGEST.collegeShortName })
    .where(eq(institutions.id, institutionId));
  await db.update(groups).set({ name: LONGEST.group }).where(eq(groups.id, groupId));
  await db.update(departments).set({ name: LONGEST.department }).where(eq(departments.id, group!.departmentId));
  await db.update(specialties).set({ name: LONGEST.specialty }).where(eq(specialties.id, group!.specialtyId));
  await db.update(terms).set({ name: LONGEST.term }).where(eq(terms.id, termId));
  await db
    .update(curriculumItems)
    .set({ name: LONGEST.subject, shortName: LONGEST.subjectShort })
    .where(eq(curriculumItems.id, journal!.curriculumItemId));
  await db
    .update(curriculumItems)
    .set({ name: LONGEST.otherSubject, shortName: LONGEST.otherSubjectShort })
    .where(eq(curriculumItems.id, other!.curriculumItemId));
  await db.update(subgroups).set({ name: LONGEST.subgroup }).where(eq(subgroups.groupId, groupId));
  for (const [key, id] of Object.entries({ mamedov, rimskaya, longest, unbroken }))
    await db
      .update(students)
      .set(PEOPLE[key as 'mamedov'])
      .where(eq(students.id, id));
  const substituteId = other!.teacherUserId!;
  for (const [key, id] of Object.entries({
    teacher: actors.teacher.userId,
    curator: actors.curator.userId,
    head: actors.head.userId,
    substitute: substituteId,
  }))
    await db
      .update(users)
      .set(PEOPLE[key as 'teacher'])
      .where(eq(users.id, id));
  const [guardian] = await db
    .select({ id: guardians.id, userId: guardians.userId })
    .from(studentGuardians)
    .innerJoin(
      guardians,
      and(eq(guardians.institutionId, studentGuardians.institutionId), eq(guardians.id, studentGuardians.guardianId)),
    )
    .where(eq(studentGuardians.studentId, longest));
  if (guardian) {
    await db.update(guardians).set(PEOPLE.guardian).where(eq(guardians.id, guardian.id));
    if (guardian.userId) await db.update(users).set(PEOPLE.guardian).where(eq(users.id, guardian.userId));
  }
  await db.execute(
    sql`update rooms set number = ${LONGEST.room.slice(0, 17)} || lpad(id::text, 3, '0'), building = ${LONGEST.building}
        where institution_id = ${institutionId}`,
  );

  // The journal's lessons: the first with the longest topic and homework, the second with a topic of one long word
  // taught by a substitute; the widest mark and attestation results for the students above.
  const journalLessons = await db
    .select({ id: lessons.id })
    .from(lessons)
    .where(eq(lessons.teachingAssignmentId, journalId))
    .orderBy(lessons.date, lessons.id);
  const [first, second] = journalLessons;
  await db.update(lessons).set({ topic: LONGEST.topic, homework: LONGEST.homework }).where(eq(lessons.id, first!.id));
  await db
    .update(lessons)
    .set({ topic: LONGEST.unbrokenTopic, taughtBy: substituteId })
    .where(eq(lessons.id, second!.id));
  for (const lesson of journalLessons.slice(0, 3))
    for (const studentId of [longest, unbroken])
      await db
        .insert(journalCells)
        .values({ institutionId, lessonId: lesson.id, studentId, attendance: null, ...LONGEST.mark })
        .onConflictDoUpdate({
          target: [journalCells.institutionId, journalCells.lessonId, journalCells.studentId],
          set: { attendance: null, ...LONGEST.mark },
        });
  await db
    .delete(attestationResults)
    .where(
      and(
        eq(attestationResults.teachingAssignmentId, journalId),
        inArray(attestationResults.studentId, [longest, unbroken]),
      ),
    );
  const fields = ['sem', 'exam', 'dz', 'credit', 'kp', 'qual'];
  for (const [i, studentId] of [longest, unbroken].entries())
    await db.insert(attestationResults).values(
      fields.map((field) => ({
        institutionId,
        teachingAssignmentId: journalId,
        studentId,
        field,
        value: LONGEST.results[i]!,
      })),
    );

  // The КТП, as the teacher saves it.
  const ktp = await loadKtp(db, actors.teacher, journalId);
  await saveKtp(
    db,
    actors.teacher,
    saveKtpInput.parse({
      assignmentId: journalId,
      version: ktp.version,
      approvedBy: LONGEST.ktpApprovedBy,
      reviewedAt: LONGEST.ktpReviewedAt,
      rows: [
        { section: true, title: LONGEST.ktpSection, hours: 0, kind: null },
        { section: false, title: LONGEST.ktpTopic, hours: 2, kind: LESSON_KINDS[0].code },
        ...ktp.rows.filter((r) => !r.section).slice(0, 10),
      ],
    }),
  );

  // The timetable: ОП.04 and the other journal placed on the group's Saturday (its week has no Saturday pairs).
  const [room] = await queryRows<{ id: number }>(
    db,
    sql`select id from rooms where institution_id = ${institutionId} and in_use and seats >= 30 order by id limit 1`,
  );
  for (const [assignmentId, weekday, pairNo] of [
    [journalId, 6, 2],
    [foreign, 6, 3],
    [journalId, 6, 4],
  ] as const)
    await placeEntry(
      db,
      actors.methodist,
      placeInput.parse({ assignmentId, weekday, pairNo, roomId: room!.id, overrideReason: 'проверка печати' }),
    );

  const [membership] = await db
    .select({ id: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.studentId, longest));
  if (membership?.id !== groupId) throw new Error('the renamed students must be of ИС-21');
  return {
    institutionId,
    groupId,
    termId,
    departmentId: group!.departmentId,
    journalId,
    foreignJournalId: foreign,
    studentIds: { mamedov, rimskaya, longest, unbroken },
    guardianId: guardian?.id ?? 0,
    names: Object.fromEntries(Object.entries(PEOPLE).map(([k, p]) => [k, fullName(p)])) as LongestFixture['names'],
  };
}
