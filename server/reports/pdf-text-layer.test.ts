import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../../test/demo-database';
import { certifyCopy, copyPdf } from './certify';

const demo = useDemoDatabase();

/**
 * A fault found while certifying: React-PDF reused the parsed font across documents, and the second document of a
 * process had a text layer with wrong letters («KELGE-G647N» for «KTLMT-G647N») while its pages looked right. Each
 * document now reads its fonts afresh (server/reports/pdf-fonts.ts).
 */
describe('the text layer of PDFs rendered one after another', () => {
  it('says on every page of every copy the code that is printed there', async () => {
    const db = demo.database.db;
    const groupId = demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;
    for (const query of [`groupId=${groupId}&termId=1`, `groupId=${groupId}&termId=1&lessonsPerPage=20`]) {
      const { code } = await certifyCopy(db, demo.actors.head, { kind: 'journal', query });
      const { pdf } = await copyPdf(db, demo.actors.head, code);
      const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
      expect(text.map((t) => /копия № (\S+)/.exec(t)?.[1])).toEqual(text.map(() => code));
    }
  }, 120_000);
});
