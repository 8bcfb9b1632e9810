import { serveReport } from '@/server/reports/serve';

/** A certified copy's stored PDF: see REPORT_ROUTES['certified/[code]']. */
export const GET = serveReport('certified/[code]');
