import { ConsentButton } from '@/components/family/consent-button';
import { RefusalNotice } from '@/components/refusal-notice';
import { ADULT_AGE } from '@/domain/adult-consent';
import { formatDate, formatDateTime, todayIn } from '@/domain/dates';
import { requireActor } from '@/server/auth/current-actor';
import { can } from '@/server/policy/actor';
import type { ConsentGuardian, ConsentStudent } from '@/server/services/people/parent-consent';
import { pageQuery } from '@/server/trpc/caller';
import { setParentConsentAction } from './actions';

/**
 * A student's consent to the parents' access (issue #13, item 6; 152-ФЗ art. 9): each parent linked to the student's
 * record, whether that parent sees the journal, one button to give or withdraw the consent, and the decisions made.
 * Read on a phone: no tables, nothing wider than the screen.
 */
export default async function ParentConsentPage() {
  const actor = await requireActor();
  if (!can(actor, 'family.consent'))
    return <RefusalNotice refusal="Согласие на доступ родителей даёт сам студент в своём личном кабинете." />;
  const result = await pageQuery((trpc) => trpc.family.consents());
  if (!result.ok) return <RefusalNotice refusal={result.refusal} />;
  const records = result.data;
  return (
    <>
      <h1>Доступ родителей к вашему журналу</h1>
      <p>
        Пока вам нет {ADULT_AGE} лет, родители видят ваши оценки, посещаемость, расписание и табель как ваши законные
        представители. С {ADULT_AGE} лет — только с вашего согласия (ст. 9 Федерального закона № 152-ФЗ «О персональных
        данных»).
      </p>
      <p>
        Согласие даётся каждому родителю отдельно и отзывается в любой момент одной кнопкой. Если вам уже {ADULT_AGE},
        после отзыва родитель сразу перестаёт видеть ваш журнал, а на его странице написано, что доступ закрыт, с какого
        дня и почему. Каждое ваше решение сохраняется.
      </p>
      {records.length === 0 && <p className="muted">К вашей учётной записи не привязана запись студента.</p>}
      {records.map((student) => (
        <StudentConsents
          key={`${student.institutionId}-${student.id}`}
          student={student}
          several={records.length > 1}
          timeZone={actor.timeZone}
        />
      ))}
    </>
  );
}

function StudentConsents({
  student,
  several,
  timeZone,
}: {
  student: ConsentStudent;
  several: boolean;
  timeZone: string;
}) {
  const Heading = several ? 'h3' : 'h2';
  return (
    <>
      {several && <h2>{student.name}</h2>}
      <p data-testid="consent-age">
        {student.adultOn === null
          ? 'Дата вашего рождения в колледже не записана, поэтому родители видят ваш журнал, как журнал несовершеннолетнего. Сообщите дату рождения куратору группы.'
          : student.adult
            ? `Вам исполнилось ${ADULT_AGE} лет ${formatDate(student.adultOn)}: родители видят ваш журнал только с вашего согласия.`
            : `Вам исполнится ${ADULT_AGE} лет ${formatDate(student.adultOn)}. Согласие можно дать заранее — оно начнёт действовать в этот день; без него доступ родителей в этот день закроется.`}
      </p>
      {student.guardians.length === 0 && (
        <p className="muted">К вашей записи не привязан ни один родитель. Если это ошибка, скажите куратору группы.</p>
      )}
      {student.guardians.map((g) => (
        <section
          key={g.id}
          className="panel"
          aria-labelledby={`guardian-${student.id}-${g.id}`}
          data-testid="consent-guardian"
        >
          <Heading id={`guardian-${student.id}-${g.id}`}>
            {g.relation.charAt(0).toUpperCase() + g.relation.slice(1)}: {g.name}
          </Heading>
          <p data-testid="consent-state">{stateOf(g, student, timeZone)}</p>
          {!g.hasLogin && (
            <p className="small muted">
              У родителя нет входа в электронный журнал: пока куратор не выдаст ему логин, он ничего не видит.
            </p>
          )}
          <ConsentButton
            action={setParentConsentAction}
            studentId={student.id}
            guardianId={g.id}
            grant={!g.inForce?.granted}
          />
          {g.history.length > 0 && (
            <>
              <p className="small">Ваши решения:</p>
              <ul className="small" data-testid="consent-history">
                {g.history.map((d, i) => (
                  <li key={i}>
                    {formatDateTime(d.decidedAt, timeZone)} — {d.granted ? 'согласие дано' : 'согласие отозвано'}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
    </>
  );
}

/** «Согласие дано 20.02.2026. Родитель видит ваш журнал.» — the decision in force and what it means today. */
function stateOf(g: ConsentGuardian, student: ConsentStudent, timeZone: string): string {
  const decision = g.inForce
    ? `${g.inForce.granted ? 'Согласие дано' : 'Согласие отозвано'} ${formatDate(todayIn(timeZone, g.inForce.decidedAt))}.`
    : 'Согласие не давалось.';
  const sees = g.seesJournal
    ? student.adult
      ? 'Родитель видит ваш журнал.'
      : 'Родитель видит ваш журнал как законный представитель.'
    : 'Родитель не видит ваш журнал.';
  return `${decision} ${sees}`;
}
