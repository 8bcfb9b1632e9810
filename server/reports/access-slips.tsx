import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { AccessSlip } from '../services/people/family-access';
import { renderPdf } from './pdf-fonts';
import { wrapText } from './pdf-text';

const SLIPS_PER_PAGE = 4;
/** A4 portrait between the margins. */
const WIDTH = 595.28 - 2 * 36;
const LABEL = 110;

const styles = StyleSheet.create({
  page: { paddingVertical: 24, paddingHorizontal: 36, fontSize: 10 },
  // A quarter of the page; a slip with long names grows, and the page flows on to the next sheet.
  slip: {
    minHeight: Math.floor((841.89 - 2 * 24) / SLIPS_PER_PAGE) - 1,
    paddingVertical: 10,
    borderBottomWidth: 1,
    borderBottomStyle: 'dashed',
    borderBottomColor: '#888',
  },
  college: { fontSize: 8, color: '#444' },
  title: { fontSize: 12, fontWeight: 'bold', marginTop: 4, marginBottom: 6 },
  name: { fontSize: 12, marginBottom: 2 },
  whom: { color: '#333', marginBottom: 8 },
  row: { flexDirection: 'row', marginBottom: 3 },
  label: { width: LABEL, color: '#444' },
  value: { fontSize: 12, fontWeight: 'bold', letterSpacing: 1 },
  note: { marginTop: 6, fontSize: 8, color: '#444' },
});

export interface SlipsInput {
  college: string;
  address: string;
  slips: AccessSlip[];
}

/**
 * Slips to cut: four to an A4 page, one per person, with the login and one-time password; a slip is never split
 * between sheets. Values are broken to their column (a long address, login or name wraps rather than runs off).
 */
function SlipsDocument({ college, address, slips, font }: SlipsInput & { font: string }) {
  const wrappedAddress = wrapText(address, WIDTH - LABEL, { size: 10 }).join('\n');
  const value = (text: string) => wrapText(text, WIDTH - LABEL, { size: 12, bold: true, letterSpacing: 1 }).join('\n');
  return (
    <Document title="Доступ к электронному журналу" author={college} language="ru">
      <Page size="A4" style={{ ...styles.page, fontFamily: font }}>
        {slips.map((s) => (
          <View key={`${s.kind}-${s.personId}`} style={styles.slip} wrap={false}>
            <Text style={styles.college}>{college}</Text>
            <Text style={styles.title}>Доступ к электронному журналу</Text>
            <Text style={styles.name}>{s.fullName}</Text>
            <Text style={styles.whom}>{s.whom}</Text>
            <View style={styles.row}>
              <Text style={styles.label}>Адрес</Text>
              <Text>{wrappedAddress}</Text>
            </View>
            <View style={styles.row}>
              <Text style={styles.label}>Логин</Text>
              <Text style={styles.value}>{value(s.login)}</Text>
            </View>
            <View style={styles.row}>
              <Text style={styles.label}>Временный пароль</Text>
              <Text style={styles.value}>{value(s.password)}</Text>
            </View>
            <Text style={styles.note}>
              При первом входе система попросит придумать новый пароль; временный после этого перестанет действовать.
              Никому не сообщайте пароль. Если листок потерян — обратитесь к куратору группы.
            </Text>
          </View>
        ))}
      </Page>
    </Document>
  );
}

export async function renderAccessSlips(input: SlipsInput): Promise<Buffer> {
  return renderPdf((font) => <SlipsDocument {...input} font={font} />);
}
