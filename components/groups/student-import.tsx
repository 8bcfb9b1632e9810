'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { StudentImportResult } from '@/server/services/student-import';
import { fileAsBase64 } from '../files/base64';
import { ImportErrors } from '../files/import-errors';
import { trpc } from '../trpc-client';

/** The group's student list from XLSX or CSV, enrolled by one order: all rows or none. */
export function StudentImport({ groupId }: { groupId: number }) {
  const router = useRouter();
  const [result, setResult] = useState<StudentImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setResult(null);
    const f = new FormData(event.currentTarget);
    const file = f.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError('Файл: выберите файл XLSX или CSV');
      return;
    }
    setBusy(true);
    try {
      const answer = await trpc.people.importStudents.mutate({
        groupId,
        effectiveOn: String(f.get('effectiveOn') ?? ''),
        orderNo: String(f.get('orderNo') ?? ''),
        orderDate: String(f.get('orderDate') ?? ''),
        fileName: file.name,
        file: await fileAsBase64(file),
      });
      setResult(answer);
      if (answer.ok) router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={submit} data-testid="student-import">
      <h2>Загрузить список студентов</h2>
      <p className="muted small">
        XLSX или CSV по <a href="/api/reports/student-template">шаблону</a>. Все студенты зачисляются в группу по одному приказу; если хоть одна
        строка с ошибкой, не загружается никто.
      </p>
      <div className="form-row">
        <label>
          Файл
          <input type="file" name="file" accept=".xlsx,.csv" />
        </label>
        <label>
          С даты
          <input type="date" name="effectiveOn" />
        </label>
        <label>
          Приказ №
          <input type="text" name="orderNo" />
        </label>
        <label>
          от
          <input type="date" name="orderDate" />
        </label>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Загрузка…' : 'Загрузить'}
      </button>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {result?.ok === true && (
        <div className="notice" role="status">
          Зачислено студентов: {result.imported}, родителей добавлено: {result.guardians}
        </div>
      )}
      {result?.ok === false && <ImportErrors errors={result.errors} />}
    </form>
  );
}
