import { serveReport } from '@/server/reports/serve';

/** «Табель успеваемости» of a student (PDF): see REPORT_ROUTES['report-card/[studentId]']. */
export const GET = serveReport('report-card/[studentId]');
