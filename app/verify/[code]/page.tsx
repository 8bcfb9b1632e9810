import { formatDateTime } from '@/domain/dates';
import { normalizeCode } from '@/domain/copy-snapshot';
import { countOf, NOUNS } from '@/domain/plural';
import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/server/db';
import { verifyCopy } from '@/server/reports/certify';

export const dynamic = 'force-dynamic';

/**
 * The verification of a certified copy (issue #12, item 6), open to anyone with the code printed on its pages: whether
 * the journal still shows what the copy shows, and if not, which cells changed and when — names of students and of
 * who changed them only to signed-in staff of the group.
 */
export default async function VerifyPage({ params }: { params: Promise<{ code: string }> }) {
  const raw = decodeURIComponent((await params).code);
  const code = normalizeCode(raw);
  const viewer = await currentActor();
  const result = code ? await verifyCopy(await getDb(), viewer, code) : null;
  return (
    <div className="login-wrap">
      <div className="verify">
        <h1>Проверка заверенной копии</h1>
        {!result ? (
          <p className="error" role="alert">
            Копия с кодом «{raw}» не найдена. Проверьте код: 10 знаков, латинские буквы и цифры (например, K7M2Q-9QXDA).
          </p>
        ) : (
          <>
            <p>
              <strong>{result.title}</strong>
              <br />
              {result.college} · заверил(а) {result.certifier} · {formatDateTime(result.certifiedAt, result.timeZone)}
              {result.pages ? ` · ${countOf(result.pages, NOUNS.sheet)}` : ''} · код {result.code}
            </p>
            {result.matches ? (
              <p className="notice" role="status" data-testid="verdict">
                Данные журнала совпадают с заверенной копией.
              </p>
            ) : (
              <>
                <p className="error" role="alert" data-testid="verdict">
                  После заверения в журнале изменено: {countOf(result.changes.length + result.more, NOUNS.change)}.
                  Копия больше не соответствует данным журнала.
                </p>
                <table className="list" data-testid="changes">
                  <thead>
                    <tr>
                      <th>Что</th>
                      <th>В копии</th>
                      <th>Сейчас</th>
                      <th>Когда</th>
                      {result.names && <th>Кто</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {result.changes.map((c, i) => (
                      <tr key={i}>
                        <td>{c.what}</td>
                        <td>{c.before ?? '—'}</td>
                        <td>{c.after ?? '—'}</td>
                        <td>{c.at ? formatDateTime(c.at, result.timeZone) : '—'}</td>
                        {result.names && <td>{c.by ?? '—'}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
                {result.more > 0 && <p className="muted small">И ещё {countOf(result.more, NOUNS.change)}.</p>}
              </>
            )}
            <p className="muted small">
              Отпечаток данных копии (SHA-256): <code>{result.fingerprint}</code>
              <br />
              Отпечаток данных сейчас: <code>{result.currentFingerprint}</code>
              {!result.names && (
                <>
                  <br />
                  Имена студентов и сотрудников видны после входа сотрудникам, отвечающим за группу.
                </>
              )}
            </p>
          </>
        )}
      </div>
    </div>
  );
}
