import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { AccessSlip } from '../services/people/family-access';
import { renderPdf } from './pdf-fonts';

const SLIPS_PER_PAGE = 4;

const styles = StyleSheet.create({
  page: { paddingVertical: 24, paddingHorizontal: 36, fontSize: 10 },
  slip: {
    height: '25%',
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
  label: { width: 110, color: '#444' },
  value: { fontSize: 12, fontWeight: 'bold', letterSpacing: 1 },
  note: { marginTop: 6, fontSize: 8, color: '#444' },
});

export interface SlipsInput {
  college: string;
  address: string;
  slips: AccessSlip[];
}

/** Slips to cut: four to an A4 page, one per person, with the login and one-time password. Paginated by hand. */
function SlipsDocument({ college, address, slips, font }: SlipsInput & { font: string }) {
  const pages: AccessSlip[][] = [];
  for (let i = 0; i < slips.length; i += SLIPS_PER_PAGE) pages.push(slips.slice(i, i + SLIPS_PER_PAGE));
  return (
    <Document title="Доступ к электронному журналу" author={college} language="ru">
      {pages.map((page, p) => (
        <Page key={p} size="A4" style={{ ...styles.page, fontFamily: font }} wrap={false}>
          {page.map((s) => (
            <View key={`${s.kind}-${s.personId}`} style={styles.slip}>
              <Text style={styles.college}>{college}</Text>
              <Text style={styles.title}>Доступ к электронному журналу</Text>
              <Text style={styles.name}>{s.fullName}</Text>
              <Text style={styles.whom}>{s.whom}</Text>
              <View style={styles.row}>
                <Text style={styles.label}>Адрес</Text>
                <Text>{address}</Text>
              </View>
              <View style={styles.row}>
                <Text style={styles.label}>Логин</Text>
                <Text style={styles.value}>{s.login}</Text>
              </View>
              <View style={styles.row}>
                <Text style={styles.label}>Временный пароль</Text>
                <Text style={styles.value}>{s.password}</Text>
              </View>
              <Text style={styles.note}>
                При первом входе система попросит придумать новый пароль; временный после этого перестанет действовать.
                Никому не сообщайте пароль. Если листок потерян — обратитесь к куратору группы.
              </Text>
            </View>
          ))}
        </Page>
      ))}
    </Document>
  );
}

export async function renderAccessSlips(input: SlipsInput): Promise<Buffer> {
  return renderPdf((font) => <SlipsDocument {...input} font={font} />);
}
