import { serveReport } from '@/server/reports/serve';

/** The student list template (XLSX): see REPORT_ROUTES['student-template']. */
export const GET = serveReport('student-template');
