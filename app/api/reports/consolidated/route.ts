import { serveReport } from '@/server/reports/serve';

/** «Сводная ведомость учета успеваемости» (PDF, XLSX): see REPORT_ROUTES.consolidated. */
export const GET = serveReport('consolidated');
