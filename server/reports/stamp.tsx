import { Image, Text, View } from '@react-pdf/renderer';
import type { CopyStamp } from './certify';
import { wrapText } from './pdf-text';

/** How far (pt) from the sheet's bottom edge the stamp and the footers stand: inside what an office printer prints. */
export const STAMP_BOTTOM = 12;
/** The stamp's height (its QR code): a page keeps at least STAMP_BOTTOM + STAMP_HEIGHT clear at its bottom. */
export const STAMP_HEIGHT = 34;
const TEXT = { size: 6.5 };
const TEXT_WIDTH = 200;

/**
 * The mark of a certified copy on every page, bottom right: the QR code of the verification address and the code in
 * words, «Заверенная копия № K7M2Q-9QXDA · проверка: https://…/verify/K7M2Q-9QXDA» — the address broken to the stamp's
 * width however long the college's address is, so that it never runs into the page's footer.
 */
export function StampFooter({ stamp }: { stamp: CopyStamp }) {
  const lines = [
    ...wrapText(`Заверенная копия № ${stamp.code}`, TEXT_WIDTH, TEXT),
    ...wrapText(`проверка: ${stamp.url}`, TEXT_WIDTH, TEXT),
  ];
  return (
    <View
      fixed
      style={{ position: 'absolute', right: 26, bottom: STAMP_BOTTOM, flexDirection: 'row', alignItems: 'center' }}
    >
      <Text style={{ fontSize: TEXT.size, lineHeight: 1.25, marginRight: 4, maxWidth: TEXT_WIDTH, textAlign: 'right' }}>
        {lines.join('\n')}
      </Text>
      <Image src={stamp.qr} style={{ width: STAMP_HEIGHT, height: STAMP_HEIGHT }} />
    </View>
  );
}
