import { serveReport } from '@/server/reports/serve';

/** Attendance of a group for a period (PDF, XLSX): see REPORT_ROUTES.attendance. */
export const GET = serveReport('attendance');
