'use client';

import { useRouter } from 'next/navigation';

/** The group whose week is shown: choosing another opens its week (`query` keeps the term or the date). */
export function GroupPicker({
  path = '/timetable',
  query,
  groups,
  groupId,
}: {
  path?: string;
  query: string;
  groups: { id: number; name: string }[];
  groupId: number | null;
}) {
  const router = useRouter();
  return (
    <label className="check">
      Группа{' '}
      <select value={groupId ?? ''} onChange={(e) => router.push(`${path}?${query}&group=${e.target.value}`)}>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}
