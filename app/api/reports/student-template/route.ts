import ExcelJS from 'exceljs';
import { STUDENT_COLUMNS, RELATIONS } from '@/domain/student-import';
import { currentActor } from '@/server/auth/current-actor';
import { authorize } from '@/server/policy/guard';
import { withRefusals } from '@/server/policy/refusal';

/** The empty student list template (XLSX) with its explanations. */
export const GET = withRefusals(async () => {
  authorize(await currentActor(), 'students.import');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Студенты', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...STUDENT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  STUDENT_COLUMNS.forEach((_, i) => (sheet.getColumn(i + 1).width = i === 7 ? 32 : 18));
  const help = workbook.addWorksheet('Пояснения');
  help.getColumn(1).width = 110;
  [
    'Одна строка — один студент. Обязательны фамилия и имя (русскими буквами).',
    'Дата рождения — ДД.ММ.ГГГГ или дата Excel. № зачётной книжки не должен повторяться в колледже.',
    `Родитель (необязательно): ФИО через пробел; кем приходится — ${RELATIONS.join(', ')}.`,
    'Можно сохранить как CSV (UTF-8, разделитель «;»). Если хоть одна строка с ошибкой, не загружается никто.',
    'Дата зачисления и приказ указываются на странице загрузки и относятся ко всем строкам.',
  ].forEach((line) => help.addRow([line]));
  return new Response(new Uint8Array(await workbook.xlsx.writeBuffer()), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Шаблон списка студентов.xlsx')}`,
    },
  });
});
