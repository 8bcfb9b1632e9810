/**
 * The documents the renderer process draws, as data (what the reports' loaders read — plain objects, arrays and Maps,
 * sent to the renderer with the structured clone), and how to draw each in this process.
 */
import type { CopyStamp } from '../certify';
import { renderConsolidatedPdf } from '../consolidated/document';
import type { ConsolidatedReport } from '../consolidated/load';
import { printoutPageCount, renderPrintout } from '../printout/document';
import type { JournalCopy } from '../printout/load';

export type ReportDocument =
  { kind: 'printout'; data: JournalCopy } | { kind: 'consolidated'; data: ConsolidatedReport };

export interface RenderedPdf {
  pdf: Buffer;
  /** Pages in the document. */
  pages: number;
}

/** Pages of a PDF as React-PDF writes it (every page object is plain, none is in an object stream). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

/** Draws the document here, in this process (the request's own process, or the renderer's). */
export async function renderDocument(document: ReportDocument, stamp?: CopyStamp): Promise<RenderedPdf> {
  switch (document.kind) {
    case 'printout':
      return { pdf: await renderPrintout(document.data, stamp), pages: printoutPageCount(document.data) };
    case 'consolidated': {
      const pdf = await renderConsolidatedPdf(document.data, stamp);
      return { pdf, pages: pdfPageCount(pdf) };
    }
  }
}
