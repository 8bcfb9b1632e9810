/** Kinds of a student's movement by order (regulation §5.5), as stored and as read. */
export const MOVEMENT_KINDS = ['move', 'leave', 'expel', 'reinstate'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  move: 'перевод в другую группу',
  leave: 'академический отпуск',
  expel: 'отчисление',
  reinstate: 'восстановление',
};

/** For a menu: «Академический отпуск». */
export const movementTitle = (kind: MovementKind) =>
  MOVEMENT_LABELS[kind][0]!.toUpperCase() + MOVEMENT_LABELS[kind].slice(1);
