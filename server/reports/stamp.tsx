import { Image, Text, View } from '@react-pdf/renderer';
import type { CopyStamp } from './certify';

/**
 * The mark of a certified copy on every page, bottom right: the QR code of the verification address and the code in
 * words, «Заверенная копия № K7M2Q-9QXDA · проверка: https://…/verify/K7M2Q-9QXDA».
 */
export function StampFooter({ stamp }: { stamp: CopyStamp }) {
  return (
    <View fixed style={{ position: 'absolute', right: 26, bottom: 4, flexDirection: 'row', alignItems: 'center' }}>
      <Text style={{ fontSize: 6.5, marginRight: 4, textAlign: 'right' }}>
        Заверенная копия № {stamp.code}
        {'\n'}проверка: {stamp.url}
      </Text>
      <Image src={stamp.qr} style={{ width: 34, height: 34 }} />
    </View>
  );
}
