/**
 * The PDF renderer's own process (server/reports/render/off-thread.ts starts it): React-PDF holds the event loop for
 * seconds on a long document, so the background jobs render here and the app's process keeps answering requests.
 * Messages: `{ id, kind, data }` in (data as loaded by the report's loader, sent with the structured clone), `{ id, pdf,
 * pages }` or `{ id, error }` out. One document at a time (`renderPdf`'s queue).
 */
import { renderPrintout, printoutPageCount } from '../printout/document';
import type { JournalCopy } from '../printout/load';
import type { RenderRequest, RenderReply } from './off-thread';

async function render(request: RenderRequest): Promise<RenderReply> {
  switch (request.kind) {
    case 'printout': {
      const copy: JournalCopy = request.data;
      const pdf = await renderPrintout(copy);
      return { id: request.id, pdf: new Uint8Array(pdf), pages: printoutPageCount(copy) };
    }
  }
}

process.on('message', (message: RenderRequest) => {
  render(message).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ready: true });
