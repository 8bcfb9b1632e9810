/**
 * How a batch of journal edits was made (`edit_batches.source`), as the browser sends it: typed cells, a pasted block,
 * a filled column, an import. Undo makes batches of its own (`undo`) and takes back only batches of these kinds.
 */
export const CLIENT_BATCH_SOURCES = ['typing', 'paste', 'fill', 'import'] as const;
export type BatchSource = (typeof CLIENT_BATCH_SOURCES)[number];
