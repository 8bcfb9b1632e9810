export const MESSAGES = {
  unauthenticated: 'Требуется вход в систему',
  forbidden: 'Недостаточно прав для этого действия',
  outOfScope: 'Нет доступа к этим данным',
  mustChangePassword: 'Сначала смените выданный пароль',
} as const;
