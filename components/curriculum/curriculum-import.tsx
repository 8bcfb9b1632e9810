'use client';

import { fileAsBase64 } from '../files/base64';
import { ImportErrors } from '../files/import-errors';
import { useUpload } from '../files/use-upload';
import { trpc } from '../trpc-client';

/** Import of a whole plan from XLSX: either everything is loaded, or nothing and every bad row with its reason. */
export function CurriculumImport({ specialties }: { specialties: { id: number; name: string }[] }) {
  const { result, error, busy, submit } = useUpload(
    async (file, f) =>
      trpc.curriculum.import.mutate({
        specialtyId: Number(f.get('specialtyId')),
        admissionYear: Number(f.get('admissionYear')),
        fileName: file.name,
        file: await fileAsBase64(file),
      }),
    'Файл: выберите файл XLSX',
  );

  return (
    <form method="post" className="panel" onSubmit={(e) => void submit(e)} data-testid="curriculum-import">
      <h2>Загрузить учебный план из Excel</h2>
      <p className="muted small">
        Файл в формате шаблона (<a href="/api/reports/curriculum-template">скачать шаблон</a> или выгрузить существующий
        план). План специальности и года набора заменяется целиком; если хоть одна строка с ошибкой, не загружается
        ничего.
      </p>
      <div className="form-row">
        <label>
          Специальность
          <select name="specialtyId">
            {specialties.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Год набора
          <input type="number" name="admissionYear" min={2000} max={2100} defaultValue={new Date().getFullYear()} />
        </label>
        <label>
          Файл XLSX
          <input
            type="file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
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
          Загружено: строк плана {result.items}, семестров {result.semesters}.{' '}
          <a href={`/curricula/${result.curriculumId}`}>Открыть план</a>
        </div>
      )}
      {result?.ok === false && <ImportErrors errors={result.errors} />}
    </form>
  );
}
