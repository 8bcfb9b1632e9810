import type { RowError } from '@/domain/curriculum-template';

/** «Nothing imported», then every bad row with its reason. */
export function ImportErrors({ errors }: { errors: RowError[] }) {
  return (
    <div className="error" role="alert" data-testid="import-errors">
      <strong>Ничего не загружено. Ошибок: {errors.length}</strong>
      <table className="list">
        <thead>
          <tr>
            <th>Строка</th>
            <th>Что не так</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td>{e.row > 0 ? e.row : '—'}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
