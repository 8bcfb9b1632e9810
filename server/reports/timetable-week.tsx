import { Document, Page, StyleSheet, Text, View, type Styles } from '@react-pdf/renderer';
import { addDays, formatDate, formatDayMonth } from '../../domain/dates';
import type { DatedLessonView } from '../services/timetable/dates';
import type { TimetableViewData } from '../services/timetable/views';
import { renderPdf } from './pdf-fonts';
import { fitCell, MIN_FONT_SIZE, wrapText } from './pdf-text';

const SIZE = 8;
/** A department's A3 sheet: the smallest legible size, lines close together. */
const SHEET_SIZE = MIN_FONT_SIZE;
const MARGIN_X = 28;
const FOOTER = { size: 7, bottom: 12 };

const styles = StyleSheet.create({
  page: { paddingVertical: 24, paddingHorizontal: MARGIN_X, fontSize: SIZE },
  sheet: { fontSize: SHEET_SIZE, lineHeight: 1.1 },
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
  footer: {
    position: 'absolute',
    bottom: FOOTER.bottom,
    left: MARGIN_X,
    right: MARGIN_X,
    fontSize: FOOTER.size,
    lineHeight: 1.25,
    color: '#666',
  },
});

/** The sheets and their columns (pt): A4 landscape for a group, teacher or room, A3 landscape for a department. */
const SHEETS = {
  week: { width: 841.89, label: 56, pad: 3, size: SIZE },
  department: { width: 1190.55, label: 44, pad: 2, size: SHEET_SIZE },
} as const;

/** A text broken to a cell's width (a word a point smaller rather than split), as lines for React-PDF. */
function CellLines({
  text,
  width,
  size,
  bold,
  style,
}: {
  text: string;
  width: number;
  size: number;
  bold?: boolean;
  style?: Styles[string];
}) {
  const fitted = fitCell(text, width, { size, bold });
  return <Text style={[...(style ? [style] : []), { fontSize: fitted.size }]}>{fitted.lines.join('\n')}</Text>;
}

/** A lesson's lines in a cell: subject, who (the group for a teacher's or room's week, the teacher otherwise), room. */
function LessonText({
  lesson,
  kind,
  width,
  compact,
}: {
  lesson: DatedLessonView;
  kind: TimetableViewData['kind'];
  /** The cell's width for text (pt). */
  width: number;
  compact?: boolean;
}) {
  const gone = lesson.status !== 'planned';
  if (compact)
    // A department's sheet: one line a lesson — pair, subject, room — so that all its groups fit one A3 sheet.
    return (
      <View wrap={false}>
        <CellLines
          text={`${lesson.pairNo}. ${lesson.subject}${lesson.subgroup ? ` (${lesson.subgroup.replace(' подгруппа', ' п/г')})` : ''}${lesson.room ? ` · ${lesson.room}` : ''}${lesson.status === 'cancelled' ? ' — отм.' : ''}`}
          width={width}
          size={SHEET_SIZE}
          style={gone ? styles.struck : undefined}
        />
      </View>
    );
  const who =
    kind === 'teacher' || kind === 'room'
      ? `${lesson.group}${lesson.subgroup ? ` (${lesson.subgroup})` : ''}`
      : `${lesson.teacher ?? ''}${lesson.subgroup ? `, ${lesson.subgroup}` : ''}`;
  return (
    <View style={styles.lesson} wrap={false}>
      <CellLines
        text={lesson.subject}
        width={width}
        size={SIZE}
        bold
        style={gone ? { ...styles.subject, ...styles.struck } : styles.subject}
      />
      <CellLines
        text={`${who}${kind !== 'room' && lesson.room ? ` · ${lesson.room}` : ''}`}
        width={width}
        size={SIZE}
      />
      {lesson.status === 'cancelled' && <Text style={styles.note}>отменено</Text>}
      {lesson.status === 'moved' && (
        <CellLines text={`перенесено на ${lesson.movedToText}`} width={width} size={SIZE} style={styles.note} />
      )}
      {lesson.substituteId !== null && (
        <CellLines text={`замена (вместо ${lesson.regularTeacher})`} width={width} size={SIZE} style={styles.note} />
      )}
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
  const geometry = SHEETS[sheet ? 'department' : 'week'];
  const inner = geometry.width - 2 * MARGIN_X;
  // Widths for the text of the label column and of a day's cell (their paddings and right borders off).
  const labelText = geometry.label - 2 * geometry.pad - 0.5;
  const cellText = (inner - geometry.label) / days.length - 2 * geometry.pad - 0.5;
  // The footer, broken to the page's width; the page keeps its lines clear of the table.
  const footer = wrapText(`Электронный журнал · ${view.college} · ${view.title} · неделя ${period}`, inner, FOOTER);
  const bottom = Math.max(24, FOOTER.bottom + footer.length * FOOTER.size * 1.25 + 6);
  return (
    <Document title={`Расписание: ${view.title}, ${period}`} author={view.college} language="ru">
      <Page
        size={sheet ? 'A3' : 'A4'}
        orientation="landscape"
        style={{ ...styles.page, ...(sheet ? styles.sheet : {}), paddingBottom: bottom, fontFamily: font }}
      >
        <Text style={styles.college}>{view.college}</Text>
        <Text style={styles.title}>Расписание занятий: {view.title}</Text>
        <Text style={styles.period}>Неделя {period}</Text>
        <View style={[styles.row, styles.head]}>
          <View style={sheet ? styles.sheetLabel : styles.label}>
            <CellLines text={sheet ? 'Группа' : 'Пара'} width={labelText} size={geometry.size} bold />
          </View>
          {days.map((d) => (
            <View key={d.date} style={sheet ? styles.sheetCell : styles.cell}>
              <CellLines
                text={`${d.name} ${formatDayMonth(d.date)}${d.off ? ` — ${d.off}` : ''}`}
                width={cellText}
                size={geometry.size}
                bold
              />
            </View>
          ))}
        </View>
        {view.kind === 'department'
          ? view.rows.map((g) => (
              <View key={g.id} style={styles.row} wrap={false}>
                <View style={styles.sheetLabel}>
                  <CellLines text={g.name} width={labelText} size={SHEET_SIZE} bold style={styles.subject} />
                </View>
                {days.map((d) => (
                  <View key={d.date} style={styles.sheetCell}>
                    {view.lessons
                      .filter((l) => l.groupId === g.id && l.date === d.date)
                      .map((l) => (
                        <LessonText key={l.key} lesson={l} kind="group" width={cellText} compact />
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
                        <LessonText key={l.key} lesson={l} kind={view.kind} width={cellText} />
                      ))}
                  </View>
                ))}
              </View>
            ))}
        <Text style={styles.footer} fixed>
          {footer.join('\n')}
        </Text>
      </Page>
    </Document>
  );
}

export async function renderTimetableWeek(view: TimetableViewData): Promise<Buffer> {
  return renderPdf((font) => <WeekDocument view={view} font={font} />);
}
