'use client';

import { useRouter } from 'next/navigation';

/**
 * The group (or teacher, room, department: `label`, `param`) whose week is shown: choosing another opens its week;
 * `query` keeps the term or the date.
 */
export function GroupPicker({
  path = '/timetable',
  query,
  groups,
  groupId,
  label = 'Группа',
  param = 'group',
}: {
  path?: string;
  query: string;
  groups: { id: number; name: string }[];
  groupId: number | null;
  label?: string;
  param?: string;
}) {
  const router = useRouter();
  return (
    <label className="check">
      {label}{' '}
      <select value={groupId ?? ''} onChange={(e) => router.push(`${path}?${query}&${param}=${e.target.value}`)}>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}
