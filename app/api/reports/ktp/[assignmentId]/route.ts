import { serveReport } from '@/server/reports/serve';

/** A journal's КТП (PDF, XLSX): see REPORT_ROUTES['ktp/[assignmentId]']. */
export const GET = serveReport('ktp/[assignmentId]');
