import Link from 'next/link';
import { shortName } from '@/domain/names';
import { ROLE_LABELS } from '@/domain/roles';
import { can, rolesOf, type Actor } from '@/server/policy/actor';
import { SignOutButton } from '@/components/auth/sign-out-button';

/** Menu items exist only for pages that work and that the actor may open. */
export function AppHeader({ actor }: { actor: Actor }) {
  const roles = rolesOf(actor).map((r) => ROLE_LABELS[r]);
  return (
    <header className="header">
      <Link href="/" className="brand">
        Электронный журнал
      </Link>
      <nav className="nav">
        <Link href="/">Главная</Link>
        {can(actor, 'journal.read') && (
          <Link href="/journals">{rolesOf(actor).includes('teacher') ? 'Мои журналы' : 'Журналы'}</Link>
        )}
        {can(actor, 'institutions.manage') && <Link href="/region">Колледжи региона</Link>}
        {can(actor, 'region.indicators') && <Link href="/region/indicators">Показатели колледжей</Link>}
        {can(actor, 'structure.manage') && <Link href="/admin/structure">Структура</Link>}
        {can(actor, 'curriculum.read') && <Link href="/curricula">Учебные планы</Link>}
        {can(actor, 'load.manage') && <Link href="/load">Нагрузка</Link>}
        {can(actor, 'timetable.place') && <Link href="/timetable">Расписание</Link>}
        {can(actor, 'timetable.own') && (
          <Link href="/timetable/my">
            {rolesOf(actor).every((r) => r === 'parent') ? 'Расписание детей' : 'Моё расписание'}
          </Link>
        )}
        {can(actor, 'timetable.manage') && <Link href="/timetable/setup">Звонки и аудитории</Link>}
        {can(actor, 'hours.read') && <Link href="/hours">Вычитка часов</Link>}
        {can(actor, 'family.read') && <Link href="/family">Успеваемость</Link>}
        {can(actor, 'notices.read') && <Link href="/notices">Доска</Link>}
        {can(actor, 'control.monitor') && <Link href="/control">Контроль</Link>}
        {can(actor, 'control.activity') && <Link href="/control/activity">Активность</Link>}
        {can(actor, 'reports.group') && <Link href="/reports">Отчёты</Link>}
        {can(actor, 'contingent.proposals') && <Link href="/movements">Движение</Link>}
        {can(actor, 'year.manage') && <Link href="/admin/years">Учебный год</Link>}
        {can(actor, 'staff.manage') && <Link href="/admin/staff">Сотрудники</Link>}
        {can(actor, 'audit.read') && <Link href="/security/sign-ins">Журнал входов</Link>}
        {can(actor, 'audit.read') && <Link href="/security/card-views">Доступ к ПДн</Link>}
      </nav>
      <div className="user">
        <div className="who">
          <div data-testid="user-name">{shortName(actor)}</div>
          <div className="role" data-testid="user-role">
            {roles.join(', ')}
          </div>
          <Link href="/account/password">Сменить пароль</Link>
        </div>
        <SignOutButton />
      </div>
    </header>
  );
}
