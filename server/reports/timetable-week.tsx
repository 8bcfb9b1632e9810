import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { addDays, formatDate, formatDayMonth } from '../../domain/dates';
import type { DatedLessonView } from '../services/timetable/dates';
import type { TimetableViewData } from '../services/timetable/views';
import { renderPdf } from './pdf-fonts';

const styles = StyleSheet.create({
  page: { paddingVertical: 24, paddingHorizontal: 28, fontSize: 8 },
  sheet: { fontSize: 5.5, lineHeight: 1.05, paddingVertical: 14 },
  college: { fontSize: 8, lineHeight: 1.3, color: '#444' },
  title: { fontSize: 13, lineHeight: 1.3, fontWeight: 'bold', marginTop: 2 },
  period: { fontSize: 9, lineHeight: 1.3, marginBottom: 6 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#888' },
  head: { backgroundColor: '#eef2f7', fontWeight: 'bold' },
  label: { width: 56, padding: 3, borderRightWidth: 0.5, borderColor: '#888' },
  cell: { flex: 1, padding: 3, borderRightWidth: 0.5, borderColor: '#888', minHeight: 34 },
  sheetLabel: { width: 44, paddingHorizontal: 2, paddingVertical: 1, borderRightWidth: 0.5, borderColor: '#888' },
  sheetCell: { flex: 1, paddingHorizontal: 2, paddingVertical: 1, borderRightWidth: 0.5, borderColor: '#888' },
  lesson: { marginBottom: 2 },
  subject: { fontWeight: 'bold' },
  struck: { textDecoration: 'line-through', color: '#666' },
  note: { color: '#a33' },
  footer: { position: 'absolute', bottom: 12, left: 28, right: 28, fontSize: 7, color: '#666' },
});

/** A lesson's lines in a cell: subject, who (the group for a teacher's or room's week, the teacher otherwise), room. */
function LessonText({
  lesson,
  kind,
  compact,
}: {
  lesson: DatedLessonView;
  kind: TimetableViewData['kind'];
  compact?: boolean;
}) {
  const gone = lesson.status !== 'planned';
  if (compact)
    // A department's sheet: one line a lesson — pair, subject, room — so that all its groups fit one A3 sheet.
    return (
      <Text style={gone ? styles.struck : {}} wrap={false}>
        {lesson.pairNo}. {lesson.subject}
        {lesson.subgroup ? ` (${lesson.subgroup.replace(' подгруппа', ' п/г')})` : ''}
        {lesson.room ? ` · ${lesson.room}` : ''}
        {lesson.status === 'cancelled' ? ' — отм.' : ''}
      </Text>
    );
  const who =
    kind === 'teacher' || kind === 'room'
      ? `${lesson.group}${lesson.subgroup ? ` (${lesson.subgroup})` : ''}`
      : `${lesson.teacher ?? ''}${lesson.subgroup ? `, ${lesson.subgroup}` : ''}`;
  return (
    <View style={styles.lesson} wrap={false}>
      <Text style={gone ? [styles.subject, styles.struck] : styles.subject}>{lesson.subject}</Text>
      <Text>
        {who}
        {kind !== 'room' && lesson.room ? ` · ${lesson.room}` : ''}
      </Text>
      {lesson.status === 'cancelled' && <Text style={styles.note}>отменено</Text>}
      {lesson.status === 'moved' && <Text style={styles.note}>перенесено на {lesson.movedToText}</Text>}
      {lesson.substituteId !== null && <Text style={styles.note}>замена (вместо {lesson.regularTeacher})</Text>}
    </View>
  );
}

/**
 * A week on one A4 landscape sheet: days across, pairs down for a group, teacher or room; for a department, on one A3
 * landscape sheet, its groups down and each day's lessons a line each in the cell. Cyrillic through DejaVu Sans.
 */
function WeekDocument({ view, font }: { view: TimetableViewData; font: string }) {
  const pairs = Math.max(0, ...view.days.map((d) => d.pairs.length));
  const period = `${formatDate(view.monday)}–${formatDate(addDays(view.monday, 5))}`;
  const sheet = view.kind === 'department';
  // Saturday only when someone studies then.
  const days = view.days.filter((d) => d.weekday < 6 || view.lessons.some((l) => l.date === d.date));
  return (
    <Document title={`Расписание: ${view.title}, ${period}`} author={view.college} language="ru">
      <Page
        size={sheet ? 'A3' : 'A4'}
        orientation="landscape"
        style={{ ...styles.page, ...(sheet ? styles.sheet : {}), fontFamily: font }}
      >
        <Text style={styles.college}>{view.college}</Text>
        <Text style={styles.title}>Расписание занятий: {view.title}</Text>
        <Text style={styles.period}>Неделя {period}</Text>
        <View style={[styles.row, styles.head]}>
          <Text style={sheet ? styles.sheetLabel : styles.label}>{sheet ? 'Группа' : 'Пара'}</Text>
          {days.map((d) => (
            <Text key={d.date} style={sheet ? styles.sheetCell : styles.cell}>
              {d.name} {formatDayMonth(d.date)}
              {d.off ? ` — ${d.off}` : ''}
            </Text>
          ))}
        </View>
        {view.kind === 'department'
          ? view.rows.map((g) => (
              <View key={g.id} style={styles.row} wrap={false}>
                <Text style={[styles.sheetLabel, styles.subject]}>{g.name}</Text>
                {days.map((d) => (
                  <View key={d.date} style={styles.sheetCell}>
                    {view.lessons
                      .filter((l) => l.groupId === g.id && l.date === d.date)
                      .map((l) => (
                        <LessonText key={l.key} lesson={l} kind="group" compact />
                      ))}
                  </View>
                ))}
              </View>
            ))
          : Array.from({ length: pairs }, (_, i) => i + 1).map((pairNo) => (
              <View key={pairNo} style={styles.row} wrap={false}>
                <Text style={styles.label}>
                  {pairNo}
                  {'\n'}
                  {view.days[0]?.pairs.find((p) => p.pairNo === pairNo)?.startsAt ?? ''}
                </Text>
                {days.map((d) => (
                  <View key={d.date} style={styles.cell}>
                    {view.lessons
                      .filter((l) => l.date === d.date && l.pairNo === pairNo)
                      .map((l) => (
                        <LessonText key={l.key} lesson={l} kind={view.kind} />
                      ))}
                  </View>
                ))}
              </View>
            ))}
        <Text style={styles.footer} fixed>
          Электронный журнал · {view.college} · {view.title} · неделя {period}
        </Text>
      </Page>
    </Document>
  );
}

export async function renderTimetableWeek(view: TimetableViewData): Promise<Buffer> {
  return renderPdf((font) => <WeekDocument view={view} font={font} />);
}
