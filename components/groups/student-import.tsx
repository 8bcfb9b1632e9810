'use client';

import { fileAsBase64 } from '../files/base64';
import { ImportErrors } from '../files/import-errors';
import { useUpload } from '../files/use-upload';
import { OrderFields } from '../admin/order-fields';
import { trpc } from '../trpc-client';
import { formText } from '../form-data';

/** The group's student list from XLSX or CSV, enrolled by one order: all rows or none. */
export function StudentImport({ groupId }: { groupId: number }) {
  const { result, error, busy, submit } = useUpload(
    async (file, f) =>
      trpc.people.importStudents.mutate({
        groupId,
        effectiveOn: formText(f, 'effectiveOn', { trim: false }),
        orderNo: formText(f, 'orderNo', { trim: false }),
        orderDate: formText(f, 'orderDate', { trim: false }),
        fileName: file.name,
        file: await fileAsBase64(file),
      }),
    'Файл: выберите файл XLSX или CSV',
  );

  return (
    <form method="post" className="panel" onSubmit={(e) => void submit(e)} data-testid="student-import">
      <h2>Загрузить список студентов</h2>
      <p className="muted small">
        XLSX или CSV по <a href="/api/reports/student-template">шаблону</a>. Все студенты зачисляются в группу по одному
        приказу; если хоть одна строка с ошибкой, не загружается никто.
      </p>
      <div className="form-row">
        <label>
          Файл
          <input type="file" name="file" accept=".xlsx,.csv" />
        </label>
      </div>
      <OrderFields />
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
          {result.knownGuardians > 0 && `, уже известных колледжу родителей связано с детьми: ${result.knownGuardians}`}
        </div>
      )}
      {result?.ok === false && <ImportErrors errors={result.errors} />}
    </form>
  );
}
