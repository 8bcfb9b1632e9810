import { MOVEMENT_KINDS, movementTitle, type MovementKind } from '@/domain/movement-kinds';

/** «Что» (the kind of movement) and, for a transfer or reinstatement, «В группу» (field `groupId`). */
export function MovementKindFields({
  kind,
  onKind,
  groups,
}: {
  kind: MovementKind;
  onKind: (kind: MovementKind) => void;
  groups: { id: number; name: string }[];
}) {
  return (
    <>
      <label>
        Что
        <select value={kind} onChange={(e) => onKind(e.target.value as MovementKind)}>
          {MOVEMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {movementTitle(k)}
            </option>
          ))}
        </select>
      </label>
      {(kind === 'move' || kind === 'reinstate') && (
        <label>
          В группу
          <select name="groupId">
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
