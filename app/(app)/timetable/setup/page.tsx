import { RefusalNotice } from '@/components/refusal-notice';
import { TimetableSetupScreen } from '@/components/timetable/timetable-setup';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import { pageQuery } from '@/server/trpc/caller';
import {
  saveBellsAction,
  saveRoomAction,
  saveUnavailabilityAction,
  setCalendarAction,
  setGroupPeriodAction,
} from './actions';

/** The methodist's frame of the timetable: bells of each kind of day and the college's rooms. */
export default async function TimetableSetupPage() {
  const actor = await requireActor();
  if (!can(actor, 'timetable.manage'))
    return <RefusalNotice refusal="Недостаточно прав: звонки и аудитории ведёт методист." />;
  const result = await pageQuery((trpc) => trpc.timetable.setup());
  if (!result.ok) return <RefusalNotice refusal={result.refusal} />;
  const setup = result.data;
  return (
    <>
      <h1>Звонки, аудитории, календарь</h1>
      <p className="muted">
        Расписание ставит занятия на пары и в аудитории (Положение, §5.4). Звонки задаются для будней, субботы и
        сокращённого дня; пустая пара заканчивает день. В праздники и каникулы занятий нет, у группы — и в дни практики
        и сессии. Все изменения записываются в журнал изменений.
      </p>
      <TimetableSetupScreen
        setup={setup}
        actions={{
          bells: saveBellsAction,
          room: saveRoomAction,
          calendar: setCalendarAction,
          period: setGroupPeriodAction,
          unavailability: saveUnavailabilityAction,
        }}
      />
    </>
  );
}
