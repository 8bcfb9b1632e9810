/**
 * The deterministic plan of a demo college: structure, people, curricula and teaching load (no lessons yet).
 * Everything gets its id here, counting from 1: the seed writes into an empty database.
 */
import { addDays } from '../../domain/dates';
import { collegeRooms } from './timetable';
import { publishWeek } from './week';
import { ARCHIVE_TERMS, ARCHIVE_YEAR, HOLIDAYS, TERMS, WINTER_VACATION, YEAR, type TermPlan } from './calendar';
import { DEFAULT_ATTENDANCE_CODES } from '../../domain/marks';
import { LESSON_KINDS } from '../../domain/lesson-kinds';
import { semesterOf } from '../../domain/term';
import { GENERAL_ITEMS, SPECIALTIES, parseItem, type ParsedItem, type SpecialtyDef } from './catalog';
import { familyName, loginFor, parentName, randomName, type Gender } from './names';
import { Random } from './random';

export { ARCHIVE_TERMS, ARCHIVE_YEAR, TERMS, YEAR, studyDays, type TermPlan } from './calendar';

export type Scale = 'demo' | 'college';

export interface SeedOptions {
  scale: Scale;
  seed: number;
  /** Lessons are held up to this date (inclusive). */
  asOf: string;
  /** Which college of a region this is (db/seed/region.ts); absent: the demo college. */
  college?: CollegeIdentity;
  /**
   * The last id each table already holds (`{ users: 4210, … }`): a college of a region takes the ids after the
   * colleges before it, as one deployment's sequences would give them. Absent: ids count from 1.
   */
  idsAfter?: Readonly<Record<string, number>>;
}

/** A college's name, place and clock: the demo college's by default, another one's in a region. */
export interface CollegeIdentity {
  shortName: string;
  fullName: string;
  city: string;
  /** IANA zone; null leaves the column's default (the demo college outside a region). */
  timeZone: string | null;
  /** The zone's UTC offset for the seeded timestamps («+04:00»): Russia keeps no daylight saving time since 2014. */
  utcOffset: string;
  /**
   * Put before every login of the college with a dot (`kgd.prepod`), since logins are unique across a deployment.
   * Empty for the demo college: it keeps the demo logins and the region's account.
   */
  loginPrefix: string;
}

export const DEMO_COLLEGE: CollegeIdentity = {
  shortName: 'ГБПОУ «Колледж информационных технологий и экономики»',
  fullName:
    'Государственное бюджетное профессиональное образовательное учреждение «Колледж информационных технологий и экономики»',
  city: 'г. Сызрань',
  timeZone: null,
  utcOffset: '+04:00',
  loginPrefix: '',
};

export const DEMO_PASSWORD = 'demo2026';

export const DEMO_LOGINS = {
  admin: 'admin',
  head: 'zav',
  methodist: 'metodist',
  curator: 'kurator',
  teacher: 'prepod',
  student: 'student',
  parent: 'roditel',
  inspector: 'inspektor',
} as const;

/**
 * The demo student (`student`) is of age — 18 on 27.02.2026 — and gave the demo parent (`roditel`, his mother) the
 * consent to see his journal before that day (152-ФЗ; issue #13, item 6), so the parent sees him as before.
 */
export const DEMO_STUDENT_BIRTH_DATE = '2008-02-27';
export const DEMO_CONSENT_AT = '2026-02-20T12:00:00+03:00';

/** The region-level demo account: creates institutions, sees no college's data. */
export const DEMO_REGIONAL_LOGIN = 'region';

export type Row = Record<string, unknown>;

export interface GroupPlan {
  id: number;
  name: string;
  course: number;
  specialty: SpecialtyDef;
  curriculumId: number;
  admissionYear: number;
  /** Students with membership spans inside the year. */
  members: { studentId: number; from: string; to: string | null; ability: number; absenceRate: number }[];
  /** subgroup id → student ids, per term id. */
  subgroups: Map<number, { id: number; studentIds: Set<number> }[]>;
}

export interface AssignmentPlan {
  id: number;
  termId: number;
  groupId: number;
  subgroupId: number | null;
  itemId: number;
  item: ParsedItem;
  teacherUserId: number;
  plannedHours: number;
  teacherBias: number;
}

/** The demo college's bells: 90-minute pairs, a long break after the second (lunch); Saturday and a shortened day. */
const DEMO_BELLS: Record<string, [string, string][]> = {
  weekday: [
    ['08:30', '10:00'],
    ['10:10', '11:40'],
    ['12:20', '13:50'],
    ['14:00', '15:30'],
    ['15:40', '17:10'],
    ['17:20', '18:50'],
  ],
  saturday: [
    ['08:30', '10:00'],
    ['10:10', '11:40'],
    ['11:50', '13:20'],
    ['13:30', '15:00'],
  ],
  short: [
    ['08:30', '09:40'],
    ['09:50', '11:00'],
    ['11:20', '12:30'],
    ['12:40', '13:50'],
  ],
};
/** The demo college's rooms: lecture rooms, computer classes, a lab, a workshop, the gym. */
const DEMO_ROOMS: { number: string; seats: number; kind: string }[] = [
  { number: '101', seats: 30, kind: 'lecture' },
  { number: '102', seats: 30, kind: 'lecture' },
  { number: '103', seats: 60, kind: 'lecture' },
  { number: '104', seats: 30, kind: 'lecture' },
  { number: '105', seats: 32, kind: 'lecture' },
  { number: '201', seats: 15, kind: 'computer' },
  { number: '202', seats: 15, kind: 'computer' },
  { number: '203', seats: 15, kind: 'computer' },
  { number: '204', seats: 30, kind: 'computer' },
  { number: '301', seats: 20, kind: 'lab' },
  { number: '302', seats: 30, kind: 'lab' },
  { number: 'М-1', seats: 15, kind: 'workshop' },
  { number: 'Спортзал', seats: 60, kind: 'gym' },
];

export interface CollegePlan {
  options: SeedOptions;
  institutionId: number;
  terms: TermPlan[];
  rows: Record<string, Row[]>;
  groups: GroupPlan[];
  assignments: AssignmentPlan[];
  /** Pairs of the college scale's journals the seeded timetable could not place without a conflict. */
  unplacedPairs: number;
  /** The college's name, place, clock and login prefix. */
  identity: CollegeIdentity;
  /** The last id given in each table (with `idsAfter`'s, for tables this college has none of); lessons come later. */
  lastIds: Record<string, number>;
}

export interface Counter {
  next(table: string): number;
  /** Moves the table's last id forward by `count` ids taken elsewhere; returns the first of them. */
  take(table: string, count: number): number;
  last(): Record<string, number>;
}

function counter(after: Readonly<Record<string, number>> = {}): Counter {
  const ids = new Map<string, number>(Object.entries(after));
  return {
    next(table) {
      const id = (ids.get(table) ?? 0) + 1;
      ids.set(table, id);
      return id;
    },
    take(table, count) {
      const first = (ids.get(table) ?? 0) + 1;
      ids.set(table, first - 1 + count);
      return first;
    },
    last: () => Object.fromEntries(ids),
  };
}

interface Layout {
  departments: { name: string; keys: string[] }[];
  groups: { key: string; course: number; number: number; graduated?: boolean }[];
  studentsPerGroup: [number, number];
}

function layout(scale: Scale): Layout {
  if (scale === 'demo') {
    return {
      departments: [
        { name: 'Отделение информационных технологий и транспорта', keys: ['ИС', 'ТО'] },
        { name: 'Отделение экономики и педагогики', keys: ['ЭБ', 'ПНК'] },
      ],
      groups: [
        { key: 'ИС', course: 1, number: 1 },
        { key: 'ИС', course: 2, number: 1 },
        { key: 'ИС', course: 3, number: 1 },
        { key: 'ТО', course: 2, number: 1 },
        { key: 'ЭБ', course: 2, number: 1 },
        { key: 'ПНК', course: 1, number: 1 },
      ],
      studentsPerGroup: [20, 30],
    };
  }
  const groups: Layout['groups'] = [];
  for (const spec of SPECIALTIES) {
    const courses = spec.semesters / 2;
    for (let course = 1; course <= courses; course++) {
      for (let number = 1; number <= Math.round(120 / 15); number++) groups.push({ key: spec.key, course, number });
    }
    // Last year's final-year groups: graduated in June 2026, their journals in the archive.
    for (let number = 1; number <= Math.round(120 / 15); number++)
      groups.push({ key: spec.key, course: courses, number, graduated: true });
  }
  return {
    departments: [
      { name: 'Отделение информационных технологий', keys: ['ИС'] },
      { name: 'Автотранспортное отделение', keys: ['ТО'] },
      { name: 'Экономическое отделение', keys: ['ЭБ'] },
      { name: 'Педагогическое отделение', keys: ['ПНК'] },
    ],
    groups,
    studentsPerGroup: [20, 30],
  };
}

/** How many groups (current and graduated) a college of the scale has. */
export function collegeGroupCount(scale: Scale): number {
  return layout(scale).groups.length;
}

/** Subjects the demo teacher `prepod` takes first, so that the account has a real load. */
const DEMO_TEACHER_SUBJECTS = new Set([
  'Информатика',
  'Основы алгоритмизации и программирования',
  'Операционные системы и среды',
  'Информационные технологии',
  'Основы проектирования баз данных',
  'Разработка программных модулей',
  'Поддержка и тестирование программных модулей',
]);
const TEACHER_MAX_HOURS = 1440;

export function planCollege(options: SeedOptions): CollegePlan {
  const rnd = Random.derive(options.seed, 'plan');
  const identity = options.college ?? DEMO_COLLEGE;
  const isDemo = identity.loginPrefix === '';
  const offset = identity.utcOffset;
  const ids = counter(options.idsAfter);
  const rows: Record<string, Row[]> = {};
  const add = (table: string, row: Row) => {
    (rows[table] ??= []).push(row);
    return row;
  };
  const institutionId = ids.next('institutions');
  add('institutions', {
    id: institutionId,
    short_name: identity.shortName,
    full_name: identity.fullName,
    city: identity.city,
    ...(identity.timeZone ? { time_zone: identity.timeZone } : {}),
  });
  const inst = { institution_id: institutionId };
  for (const code of DEFAULT_ATTENDANCE_CODES) {
    add('attendance_codes', {
      ...inst,
      code: code.code,
      label: code.label,
      is_absence: code.isAbsence,
      is_valid: code.isValid,
    });
  }
  for (const kind of LESSON_KINDS)
    add('lesson_kinds', { ...inst, code: kind.code, label: kind.label, grade_weight: String(kind.weight) });
  for (const [dayKind, slots] of Object.entries(DEMO_BELLS))
    slots.forEach(([startsAt, endsAt], i) =>
      add('bell_slots', { ...inst, day_kind: dayKind, pair_no: i + 1, starts_at: startsAt, ends_at: endsAt }),
    );
  for (const room of options.scale === 'college' ? collegeRooms() : DEMO_ROOMS)
    add('rooms', { ...inst, id: ids.next('rooms'), in_use: true, building: null, ...room });
  for (const date of HOLIDAYS) add('calendar_days', { ...inst, date, kind: 'holiday', note: null });
  for (let date = WINTER_VACATION.from; date <= WINTER_VACATION.to; date = addDays(date, 1))
    add('calendar_days', { ...inst, date, kind: 'vacation', note: WINTER_VACATION.note });

  // The current year first (its terms get ids 1 and 2), then, for the college scale, last year's closed archive.
  const terms: TermPlan[] = [];
  const years =
    options.scale === 'college'
      ? [
          { ...YEAR, terms: TERMS, closed: false },
          { ...ARCHIVE_YEAR, terms: ARCHIVE_TERMS, closed: true },
        ]
      : [{ ...YEAR, terms: TERMS, closed: false }];
  for (const y of years) {
    const yearId = ids.next('academic_years');
    add('academic_years', {
      ...inst,
      id: yearId,
      name: y.name,
      starts_on: y.startsOn,
      ends_on: y.endsOn,
      closed_at: y.closed ? `${y.endsOn}T18:00:00${offset}` : null,
    });
    for (const t of y.terms) {
      const id = ids.next('terms');
      terms.push({
        id,
        number: t.number,
        name: t.name,
        startsOn: t.startsOn,
        endsOn: t.endsOn,
        yearStart: y.startYear,
      });
      add('terms', {
        ...inst,
        id,
        academic_year_id: yearId,
        number: t.number,
        name: t.name,
        starts_on: t.startsOn,
        ends_on: t.endsOn,
        locked: y.closed,
      });
    }
  }

  // Staff. Another college of a region has people of its own where the demo college has the demo ones.
  const usedLogins = new Set<string>();
  const prefix = isDemo ? '' : `${identity.loginPrefix}.`;
  const staffRnd = Random.derive(options.seed, 'staff');
  const person = (demo: { lastName: string; firstName: string; middleName: string }, gender: Gender) =>
    isDemo ? demo : randomName(staffRnd, gender);
  const addUser = (
    name: { lastName: string; firstName: string; middleName: string },
    position: string,
    login?: string,
  ): number => {
    const id = ids.next('users');
    const base = prefix + (login ?? loginFor(name));
    let l = base;
    for (let n = 2; usedLogins.has(l); n++) l = `${base}${n}`;
    usedLogins.add(l);
    add('users', {
      id,
      institution_id: institutionId,
      login: l,
      last_name: name.lastName,
      first_name: name.firstName,
      middle_name: name.middleName,
      position,
    });
    return id;
  };
  const addRole = (userId: number, role: string, scope: { department_id?: number; group_id?: number } = {}) =>
    add('user_roles', {
      id: ids.next('user_roles'),
      ...inst,
      user_id: userId,
      role,
      department_id: scope.department_id ?? null,
      group_id: scope.group_id ?? null,
    });

  const adminId = addUser(
    person({ lastName: 'Соколова', firstName: 'Ирина', middleName: 'Викторовна' }, 'ж'),
    'Системный администратор ЭЖ',
    DEMO_LOGINS.admin,
  );
  addRole(adminId, 'admin');
  if (isDemo) {
    // The region's own account, once per deployment: with the demo college.
    const regionalId = ids.next('users');
    usedLogins.add(DEMO_REGIONAL_LOGIN);
    add('users', {
      id: regionalId,
      institution_id: null,
      login: DEMO_REGIONAL_LOGIN,
      last_name: 'Орлова',
      first_name: 'Марина',
      middle_name: 'Алексеевна',
      position: 'Специалист министерства образования, региональный администратор ЭЖ',
    });
    add('region_admins', { user_id: regionalId });
  }
  const methodistId = addUser(
    person({ lastName: 'Крылова', firstName: 'Елена', middleName: 'Павловна' }, 'ж'),
    'Методист по учебной работе',
    DEMO_LOGINS.methodist,
  );
  addRole(methodistId, 'methodist');
  const inspectorId = addUser(
    person({ lastName: 'Голубев', firstName: 'Андрей', middleName: 'Николаевич' }, 'м'),
    'Главный специалист управления образования',
    DEMO_LOGINS.inspector,
  );
  addRole(inspectorId, 'inspector');

  const lay = layout(options.scale);
  const departmentIds = new Map<string, number>();
  lay.departments.forEach((d, index) => {
    const id = ids.next('departments');
    add('departments', { ...inst, id, name: d.name });
    for (const key of d.keys) departmentIds.set(key, id);
    const head =
      index === 0
        ? person({ lastName: 'Захарова', firstName: 'Светлана', middleName: 'Игоревна' }, 'ж')
        : randomName(rnd, rnd.chance(0.7) ? 'ж' : 'м');
    const headId = addUser(head, 'Заведующий отделением', index === 0 ? DEMO_LOGINS.head : undefined);
    addRole(headId, 'head', { department_id: id });
  });

  // Specialties and curricula per admission year in use.
  const specialtyIds = new Map<string, number>();
  for (const spec of SPECIALTIES) {
    const id = ids.next('specialties');
    specialtyIds.set(spec.key, id);
    add('specialties', {
      ...inst,
      id,
      code: spec.code,
      name: spec.name,
      qualification: spec.qualification,
      duration_months: spec.durationMonths,
    });
  }
  const curricula = new Map<string, { id: number; items: Map<string, { id: number; item: ParsedItem }> }>();
  const curriculumFor = (spec: SpecialtyDef, admissionYear: number) => {
    const key = `${spec.key}-${admissionYear}`;
    const existing = curricula.get(key);
    if (existing) return existing;
    const id = ids.next('curricula');
    add('curricula', {
      ...inst,
      id,
      specialty_id: specialtyIds.get(spec.key),
      admission_year: admissionYear,
      name: `РУП ${spec.code} ${spec.name}, набор ${admissionYear} г.`,
    });
    const items = new Map<string, { id: number; item: ParsedItem }>();
    [...GENERAL_ITEMS, ...spec.profile, ...spec.items].map(parseItem).forEach((item, order) => {
      const itemId = ids.next('curriculum_items');
      items.set(item.code, { id: itemId, item });
      add('curriculum_items', {
        ...inst,
        id: itemId,
        curriculum_id: id,
        parent_id: item.parentCode ? (items.get(item.parentCode)?.id ?? null) : null,
        cycle: item.cycle,
        kind: item.kind,
        code: item.code,
        name: item.name,
        short_name: item.shortName,
        sort_order: order + 1,
      });
      for (const [semester, plan] of item.semesters) {
        const practical = item.kind === 'up' || item.kind === 'pp' ? plan.hours : Math.round(plan.hours * 0.4);
        add('curriculum_item_terms', {
          ...inst,
          curriculum_item_id: itemId,
          semester,
          hours_total: plan.hours,
          hours_theory: plan.hours - practical,
          hours_practice: practical,
          hours_lab: 0,
          hours_self_study: Math.round(plan.hours / 3),
          attestation_form: plan.form,
        });
      }
    });
    const created = { id, items };
    curricula.set(key, created);
    return created;
  };

  // Teachers are created as the load needs them: one pool per subject name.
  const teacherPools = new Map<string, { id: number; load: Map<number, number>; bias: number }[]>();
  const teacherBias = new Map<number, number>();
  const demoTeacherName = person({ lastName: 'Петрова', firstName: 'Анна', middleName: 'Николаевна' }, 'ж');
  const demoTeacher = {
    id: addUser(demoTeacherName, 'Преподаватель', DEMO_LOGINS.teacher),
    load: new Map<number, number>(),
    bias: 0.05,
  };
  addRole(demoTeacher.id, 'teacher');
  teacherBias.set(demoTeacher.id, demoTeacher.bias);
  /** A teacher of the subject with room in that year's load, or a new one. */
  const teacherFor = (subject: string, hours: number, group: string, year: number): number => {
    const loadOf = (t: { load: Map<number, number> }) => t.load.get(year) ?? 0;
    if (
      DEMO_TEACHER_SUBJECTS.has(subject) &&
      group.startsWith('ИС') &&
      loadOf(demoTeacher) + hours <= TEACHER_MAX_HOURS
    ) {
      demoTeacher.load.set(year, loadOf(demoTeacher) + hours);
      return demoTeacher.id;
    }
    const pool = teacherPools.get(subject) ?? [];
    teacherPools.set(subject, pool);
    let best = pool.filter((t) => loadOf(t) + hours <= TEACHER_MAX_HOURS).sort((a, b) => loadOf(a) - loadOf(b))[0];
    if (!best) {
      const gender: Gender = rnd.chance(0.72) ? 'ж' : 'м';
      const id = addUser(randomName(rnd, gender), 'Преподаватель');
      addRole(id, 'teacher');
      best = { id, load: new Map(), bias: rnd.normal(0, 0.25) };
      teacherBias.set(id, best.bias);
      pool.push(best);
    }
    best.load.set(year, loadOf(best) + hours);
    return best.id;
  };

  // Groups, students, memberships, guardians.
  const groups: GroupPlan[] = [];
  const assignments: AssignmentPlan[] = [];
  let recordBook = 0;
  let demoStudentId = 0;
  let demoSiblingId = 0;
  for (const g of lay.groups) {
    const spec = SPECIALTIES.find((s) => s.key === g.key)!;
    const groupYear = g.graduated ? ARCHIVE_YEAR.startYear : YEAR.startYear;
    const admissionYear = groupYear - g.course + 1;
    const groupId = ids.next('groups');
    const name = `${g.key}-${g.course}${g.number}`;
    const curriculum = curriculumFor(spec, admissionYear);
    const groupRnd = Random.derive(options.seed, 'group', name);
    const curatorName = randomName(groupRnd, groupRnd.chance(0.75) ? 'ж' : 'м');
    const isDemoCuratorGroup = name === 'ИС-21';
    const curatorId = addUser(
      isDemoCuratorGroup
        ? person({ lastName: 'Морозова', firstName: 'Ольга', middleName: 'Сергеевна' }, 'ж')
        : curatorName,
      isDemoCuratorGroup ? 'Преподаватель, куратор группы ИС-21' : 'Преподаватель',
      isDemoCuratorGroup ? DEMO_LOGINS.curator : undefined,
    );
    add('groups', {
      ...inst,
      id: groupId,
      name,
      specialty_id: specialtyIds.get(g.key),
      department_id: departmentIds.get(g.key),
      course: g.course,
      admission_year: admissionYear,
      study_form: 'очная',
      curator_user_id: curatorId,
      graduated_on: g.graduated ? ARCHIVE_YEAR.endsOn : null,
    });
    if (!g.graduated) addRole(curatorId, 'curator', { group_id: groupId });
    if (!isDemoCuratorGroup) addRole(curatorId, 'teacher');

    const size = groupRnd.int(lay.studentsPerGroup[0], lay.studentsPerGroup[1]);
    const admittedOn = `${admissionYear}-09-01`;
    const admissionOrder = {
      order_no: `${groupRnd.int(180, 260)}-к`,
      order_date: `${admissionYear}-08-${groupRnd.int(20, 28)}`,
    };
    const members: GroupPlan['members'] = [];
    const femaleShare = g.key === 'ПНК' ? 0.9 : g.key === 'ЭБ' ? 0.75 : g.key === 'ТО' ? 0.08 : 0.3;
    for (let i = 0; i < size; i++) {
      const studentId = ids.next('students');
      const gender: Gender = groupRnd.chance(femaleShare) ? 'ж' : 'м';
      const person = randomName(groupRnd, gender);
      const birthYear = admissionYear - 16 + (groupRnd.chance(0.15) ? -1 : 0);
      const birth = addDays(`${birthYear}-01-01`, groupRnd.int(0, 364));
      recordBook += 1;
      add('students', {
        ...inst,
        id: studentId,
        last_name: person.lastName,
        first_name: person.firstName,
        middle_name: person.middleName,
        birth_date: birth,
        gender,
        record_book_no: `${admissionYear}-${String(recordBook).padStart(4, '0')}`,
        phone: `+7 9${groupRnd.int(10, 99)} ${groupRnd.int(100, 999)}-${groupRnd.int(10, 99)}-${groupRnd.int(10, 99)}`,
      });
      // Movement: the demo has a fixed story in ИС-21; the college a few random cases.
      let from = admittedOn;
      let to: string | null = null;
      let reasonFrom = 'Зачисление';
      let orderFrom = admissionOrder;
      if (name === 'ИС-21' && i === size - 1) {
        from = '2026-10-05';
        reasonFrom = 'Перевод из другой образовательной организации';
        orderFrom = { order_no: '402-к', order_date: '2026-10-02' };
      } else if (name === 'ИС-21' && i === size - 2) {
        to = '2026-10-16';
      } else if (options.scale === 'college' && !g.graduated && groupRnd.chance(0.02)) {
        to = addDays('2026-09-01', groupRnd.int(20, 200));
      }
      if (g.graduated) to = ARCHIVE_YEAR.endsOn;
      add('group_memberships', {
        ...inst,
        id: ids.next('group_memberships'),
        student_id: studentId,
        group_id: groupId,
        from_date: from,
        to_date: null,
        reason: reasonFrom,
        ...orderFrom,
      });
      if (to) {
        Object.assign(rows.group_memberships!.at(-1)!, {
          to_date: to,
          end_reason: g.graduated ? 'Выпуск (окончание обучения)' : 'Отчисление по собственному желанию',
          end_order_no: `${groupRnd.int(403, 460)}-к`,
          end_order_date: to,
        });
      }
      const ability = clamp(groupRnd.normal(3.75, 0.55), 2.7, 4.9);
      const r = groupRnd.next();
      const absenceRate =
        r < 0.7
          ? 0.03 + groupRnd.next() * 0.04
          : r < 0.95
            ? 0.08 + groupRnd.next() * 0.07
            : 0.2 + groupRnd.next() * 0.15;
      members.push({ studentId, from, to, ability, absenceRate });
      // Guardians.
      const guardians: { gender: Gender; relation: string }[] = [];
      if (groupRnd.chance(0.92)) guardians.push({ gender: 'ж', relation: 'мать' });
      if (groupRnd.chance(0.55)) guardians.push({ gender: 'м', relation: 'отец' });
      if (guardians.length === 0) guardians.push({ gender: 'ж', relation: 'опекун' });
      for (const gd of guardians) {
        const gname = parentName(groupRnd, person.lastName, gd.gender);
        const guardianId = ids.next('guardians');
        add('guardians', {
          ...inst,
          id: guardianId,
          last_name: gname.lastName,
          first_name: gname.firstName,
          middle_name: gname.middleName,
          phone: `+7 9${groupRnd.int(10, 99)} ${groupRnd.int(100, 999)}-${groupRnd.int(10, 99)}-${groupRnd.int(10, 99)}`,
        });
        add('student_guardians', { ...inst, student_id: studentId, guardian_id: guardianId, relation: gd.relation });
      }
      if (name === 'ИС-21' && i === 3) demoStudentId = studentId;
      if (name === 'ПНК-11' && i === 2) demoSiblingId = studentId;
    }

    // Subgroups (per term) for languages: split in halves alphabetically, as curators do.
    const subgroups = new Map<number, { id: number; studentIds: Set<number> }[]>();
    const courseIn = (t: TermPlan) => g.course - (groupYear - t.yearStart);
    const activeTerms = terms.filter((t) => courseIn(t) >= 1 && courseIn(t) <= spec.semesters / 2);
    const byName = members
      .map((m) => ({ id: m.studentId, row: rows.students!.find((s) => s.id === m.studentId)! }))
      .sort((a, b) => String(a.row.last_name).localeCompare(String(b.row.last_name), 'ru'));
    for (const term of activeTerms) {
      const half = Math.ceil(byName.length / 2);
      const parts = [byName.slice(0, half), byName.slice(half)].map((part, index) => {
        const id = ids.next('subgroups');
        add('subgroups', { ...inst, id, group_id: groupId, term_id: term.id, name: `${index + 1} подгруппа` });
        for (const s of part) add('subgroup_members', { ...inst, subgroup_id: id, student_id: s.id });
        return { id, studentIds: new Set(part.map((s) => s.id)) };
      });
      subgroups.set(term.id, parts);
    }
    const group: GroupPlan = {
      id: groupId,
      name,
      course: g.course,
      specialty: spec,
      curriculumId: curriculum.id,
      admissionYear,
      members,
      subgroups,
    };
    groups.push(group);

    // Teaching load of each term the group studied in.
    for (const term of activeTerms) {
      const semester = semesterOf(courseIn(term), term.number);
      for (const { id: itemId, item } of curriculum.items.values()) {
        const plan = item.semesters.get(semester);
        if (!plan || plan.hours === 0) continue;
        const targets = item.subgroups ? subgroups.get(term.id)!.map((s) => s.id) : [null];
        for (const subgroupId of targets) {
          const teacherUserId = teacherFor(item.name, plan.hours, name, term.yearStart);
          const id = ids.next('teaching_assignments');
          add('teaching_assignments', {
            ...inst,
            id,
            term_id: term.id,
            group_id: groupId,
            subgroup_id: subgroupId,
            curriculum_item_id: itemId,
            teacher_user_id: teacherUserId,
            planned_hours: plan.hours,
          });
          assignments.push({
            id,
            termId: term.id,
            groupId,
            subgroupId,
            itemId,
            item,
            teacherUserId,
            plannedHours: plan.hours,
            teacherBias: teacherBias.get(teacherUserId) ?? 0,
          });
        }
      }
    }
  }

  // The demo family: the student's login, a sibling in another group, their mother with a login.
  if (demoStudentId) {
    const student = rows.students!.find((s) => s.id === demoStudentId)!;
    const studentUserId = addUser(
      {
        lastName: String(student.last_name),
        firstName: String(student.first_name),
        middleName: String(student.middle_name),
      },
      'Студент',
      DEMO_LOGINS.student,
    );
    student.user_id = studentUserId;
    addRole(studentUserId, 'student');
    const link = rows.student_guardians!.find((l) => l.student_id === demoStudentId)!;
    const mother = rows.guardians!.find((gd) => gd.id === link.guardian_id)!;
    const parentUserId = addUser(
      {
        lastName: String(mother.last_name),
        firstName: String(mother.first_name),
        middleName: String(mother.middle_name),
      },
      'Родитель',
      DEMO_LOGINS.parent,
    );
    mother.user_id = parentUserId;
    addRole(parentUserId, 'parent');
    if (demoSiblingId) {
      const sibling = rows.students!.find((s) => s.id === demoSiblingId)!;
      sibling.last_name = familyName(String(mother.last_name), sibling.gender as Gender);
      add('student_guardians', { ...inst, student_id: demoSiblingId, guardian_id: mother.id, relation: 'мать' });
    }
    // Of age, and the mother sees his journal with his consent (152-ФЗ; issue #13, item 6): given before he turned 18.
    student.birth_date = DEMO_STUDENT_BIRTH_DATE;
    add('parent_consents', {
      ...inst,
      id: ids.next('parent_consents'),
      student_id: demoStudentId,
      guardian_id: mother.id,
      granted: true,
      decided_by: studentUserId,
      decided_at: isDemo ? DEMO_CONSENT_AT : `${DEMO_CONSENT_AT.slice(0, 19)}${offset}`,
    });
    // An elder child of hers in ИС-31, of age, who has given her no consent: her home page shows the access ended. One
    // with no mother among the guardians, when there is one.
    const current31 = groups.find((g) => g.name === 'ИС-31' && !rows.groups!.find((r) => r.id === g.id)!.graduated_on);
    const hasMother = (studentId: unknown) =>
      rows.student_guardians!.some((l) => l.student_id === studentId && l.relation === 'мать');
    const elder = current31?.members
      .filter((m) => m.to === null)
      .map((m) => rows.students!.find((s) => s.id === m.studentId)!)
      .filter((s) => String(s.birth_date) < '2008-07-01')
      .sort((a, b) => Number(hasMother(a.id)) - Number(hasMother(b.id)) || Number(a.id) - Number(b.id))[0];
    if (elder) add('student_guardians', { ...inst, student_id: elder.id, guardian_id: mother.id, relation: 'мать' });
  }

  const result: CollegePlan = {
    options,
    institutionId,
    terms,
    rows,
    groups,
    assignments,
    unplacedPairs: 0,
    identity,
    lastIds: {},
  };
  publishWeek(result, ids, methodistId, demoTeacher.id);
  result.lastIds = ids.last();
  return result;
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
