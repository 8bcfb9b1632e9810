'use client';

import { useState, type FormEvent } from 'react';
import { formatDateTime } from '@/domain/dates';
import type { JournalPage } from '@/server/services/journal/page';
import { trpc } from '../trpc-client';
import { formText } from '../form-data';

/** For a head of department or an administrator: open a closed journal to its teacher for some hours, with a reason. */
export function GrantPanel({ page, onChanged }: { page: JournalPage; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const grant = await trpc.journal.grantEdit.mutate({
        assignmentId: page.assignment.id,
        hours: Number(form.get('hours') ?? 24),
        reason: formText(form, 'reason', { trim: false }),
      });
      setDone(`Журнал открыт преподавателю до ${formatDateTime(grant.validUntil, page.timeZone)}`);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <form method="post" className="panel grant" onSubmit={(e) => void submit(e)}>
      <h3>Открыть журнал преподавателю ({page.assignment.teacherName})</h3>
      <div className="form-row">
        <label>
          На сколько часов
          <input type="number" name="hours" min={1} max={168} defaultValue={24} />
        </label>
        <label style={{ flex: 1 }}>
          Причина
          <input type="text" name="reason" placeholder="например: исправление оценки по заявлению студента" />
        </label>
      </div>
      {error && <div className="error">{error}</div>}
      {done && <div className="notice">{done}</div>}
      <button type="submit">Открыть для исправлений</button>
    </form>
  );
}
