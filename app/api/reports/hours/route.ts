import { serveReport } from '@/server/reports/serve';

/** Hours delivered (XLSX, PDF): see REPORT_ROUTES.hours. */
export const GET = serveReport('hours');
