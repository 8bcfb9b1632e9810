'use client';

import { useRouter } from 'next/navigation';

/** The group whose week is shown: choosing another opens its week. */
export function GroupPicker({
  termId,
  groups,
  groupId,
}: {
  termId: number;
  groups: { id: number; name: string }[];
  groupId: number | null;
}) {
  const router = useRouter();
  return (
    <label className="check">
      Группа{' '}
      <select value={groupId ?? ''} onChange={(e) => router.push(`/timetable?term=${termId}&group=${e.target.value}`)}>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}
