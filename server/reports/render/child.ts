/**
 * The PDF renderer's own process (./off-thread.ts starts it): React-PDF holds the event loop for seconds on a long
 * document, so the background jobs render here and the app's process keeps answering requests. Messages: `{ id,
 * document, stamp }` in (the document as its loader read it, sent with the structured clone), `{ id, pdf, pages }` or
 * `{ id, error }` out. One document at a time (`renderPdf`'s queue).
 */
import { renderDocument } from './documents';
import type { RenderRequest, RenderReply } from './off-thread';

async function render(request: RenderRequest): Promise<RenderReply> {
  const rendered = await renderDocument(request.document, request.stamp);
  return { id: request.id, pdf: new Uint8Array(rendered.pdf), pages: rendered.pages };
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
