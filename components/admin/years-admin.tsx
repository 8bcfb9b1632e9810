'use client';

import { type FormEvent } from 'react';
import { formatDate } from '@/domain/dates';
import type { YearWithTerms } from '@/server/services/college/years';
import { trpc } from '../trpc-client';
import { useAdminAction } from './use-admin-action';
import { formText } from '../form-data';

function nextYearDefaults(years: YearWithTerms[]) {
  const last = years.at(-1);
  const from = last ? Number(last.name.slice(0, 4)) + 1 : new Date().getFullYear();
  return {
    name: `${from}/${from + 1}`,
    startsOn: `${from}-09-01`,
    endsOn: `${from + 1}-06-30`,
    terms: [
      { name: `1 семестр ${from}/${from + 1}`, startsOn: `${from}-09-01`, endsOn: `${from}-12-28` },
      { name: `2 семестр ${from}/${from + 1}`, startsOn: `${from + 1}-01-12`, endsOn: `${from + 1}-06-30` },
    ],
  };
}

/** The administrator's year screen: terms with their locks, closing a year, opening the next one. */
export function YearsAdmin({ years }: { years: YearWithTerms[] }) {
  const { run: runAction, messages } = useAdminAction();
  const defaults = nextYearDefaults(years);
  const run = (action: () => Promise<unknown>, done: string) =>
    runAction(async () => {
      await action();
      return done;
    });

  function closeYear(year: YearWithTerms) {
    const reason = window.prompt(
      `Закрыть учебный год ${year.name}? Журналы станут архивом только для чтения.\nОснование (приказ, дата):`,
    );
    if (reason === null) return;
    void run(
      () => trpc.years.close.mutate({ yearId: year.id, reason }),
      `Учебный год ${year.name} закрыт. Заверенные копии журналов и сводных ведомостей всех групп собираются в архив в фоне — ход на странице «Отчёты»`,
    );
  }

  async function openYear(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (k: string) => formText(f, k, { trim: false });
    await run(
      () =>
        trpc.years.open.mutate({
          name: get('name'),
          startsOn: get('startsOn'),
          endsOn: get('endsOn'),
          terms: [0, 1].map((i) => ({ name: get(`t${i}name`), startsOn: get(`t${i}start`), endsOn: get(`t${i}end`) })),
        }),
      `Учебный год ${get('name')} открыт`,
    );
  }

  return (
    <>
      {messages}
      {years.map((y) => (
        <section className="panel" key={y.id} data-testid={`year-${y.name}`}>
          <h2>
            {y.name}{' '}
            <span className="muted small">
              ({formatDate(y.startsOn)} — {formatDate(y.endsOn)})
            </span>{' '}
            {y.closedAt ? <span className="badge">закрыт, архив</span> : <span className="badge good">открыт</span>}
          </h2>
          <table className="list">
            <thead>
              <tr>
                <th>Семестр</th>
                <th>Даты</th>
                <th className="num">Журналов</th>
                <th>Состояние</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {y.terms.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    {formatDate(t.startsOn)} — {formatDate(t.endsOn)}
                  </td>
                  <td className="num">{t.assignments}</td>
                  <td>
                    {t.locked ? (
                      <span className="badge warn">закрыт для изменений</span>
                    ) : (
                      <span className="badge good">ведётся</span>
                    )}
                  </td>
                  <td>
                    {!y.closedAt && (
                      <button
                        type="button"
                        className="plain"
                        onClick={() =>
                          void run(
                            () => trpc.years.setTermLock.mutate({ termId: t.id, locked: !t.locked }),
                            t.locked ? `${t.name}: открыт` : `${t.name}: закрыт для изменений`,
                          )
                        }
                      >
                        {t.locked ? 'Открыть семестр' : 'Закрыть семестр'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!y.closedAt && (
            <p>
              <button type="button" className="danger" onClick={() => closeYear(y)}>
                Закрыть учебный год
              </button>
            </p>
          )}
        </section>
      ))}
      <form method="post" className="panel" onSubmit={(e) => void openYear(e)} data-testid="open-year">
        <h2>Открыть учебный год</h2>
        <div className="form-row">
          <label>
            Учебный год
            <input type="text" name="name" defaultValue={defaults.name} />
          </label>
          <label>
            Начало
            <input type="date" name="startsOn" defaultValue={defaults.startsOn} />
          </label>
          <label>
            Конец
            <input type="date" name="endsOn" defaultValue={defaults.endsOn} />
          </label>
        </div>
        {defaults.terms.map((t, i) => (
          <div className="form-row" key={i}>
            <label>
              Семестр
              <input type="text" name={`t${i}name`} defaultValue={t.name} />
            </label>
            <label>
              Начало
              <input type="date" name={`t${i}start`} defaultValue={t.startsOn} />
            </label>
            <label>
              Конец
              <input type="date" name={`t${i}end`} defaultValue={t.endsOn} />
            </label>
          </div>
        ))}
        <button type="submit">Открыть учебный год</button>
      </form>
    </>
  );
}
