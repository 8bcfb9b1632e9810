import { JournalsTable } from '@/components/journal/journals-table';
import type { AssignmentListItem } from '@/server/queries/journal';

export function AssignmentsSection({
  title,
  assignments,
  showTeacher,
}: {
  title: string;
  assignments: AssignmentListItem[];
  showTeacher: boolean;
}) {
  const termName = assignments[0]?.termName;
  return (
    <section className="panel" data-testid="assignments">
      <h2>{title}</h2>
      {termName && <p className="muted">{termName}</p>}
      {assignments.length === 0 ? (
        <p className="muted">В текущем семестре назначений нет.</p>
      ) : (
        <JournalsTable assignments={assignments} showTeacher={showTeacher} />
      )}
    </section>
  );
}
