import { serveReport } from '@/server/reports/serve';

/** The monitoring of journal keeping (XLSX): see REPORT_ROUTES.monitoring. */
export const GET = serveReport('monitoring');
