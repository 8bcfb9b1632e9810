'use client';

import { useState } from 'react';
import { formatDateTime } from '@/domain/dates';
import { trpc } from '../trpc-client';
import { TimeZoneSelect } from './time-zone-select';
import { useAdminAction } from './use-admin-action';

/** The administrator's setting of the own college's time zone, with the college's clock as it reads now. */
export function CollegeTimeZone({ timeZone }: { timeZone: string }) {
  const { run, messages } = useAdminAction();
  const [zone, setZone] = useState(timeZone);
  return (
    <>
      {messages}
      <form
        method="post"
        className="panel form-row"
        data-testid="college-time-zone"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await trpc.structure.setTimeZone.mutate({ timeZone: zone });
            return `Часовой пояс колледжа сохранён: сейчас в колледже ${formatDateTime(new Date(), zone)}`;
          });
        }}
      >
        <TimeZoneSelect label="Часовой пояс колледжа" value={zone} onChange={setZone} />
        <button type="submit">Сохранить</button>
        <span className="muted small">«Сегодня», правило трёх дней и время в журналах считаются по этому поясу.</span>
      </form>
    </>
  );
}
