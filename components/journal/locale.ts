/** AG Grid has no Russian locale package: the strings our grid can show. */
export const AG_GRID_RU: Record<string, string> = {
  loadingOoo: 'Загрузка…',
  noRowsToShow: 'В журнале нет студентов',
  page: 'Страница',
  of: 'из',
  to: 'по',
  ariaRowIndex: 'Строка',
  ariaColumn: 'Столбец',
  ariaDefaultListName: 'Список',
  ariaChecked: 'отмечено',
  ariaUnchecked: 'не отмечено',
};
