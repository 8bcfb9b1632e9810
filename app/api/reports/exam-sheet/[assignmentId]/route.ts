import { serveReport } from '@/server/reports/serve';

/** The exam sheet of a journal (PDF, XLSX): see REPORT_ROUTES['exam-sheet/[assignmentId]']. */
export const GET = serveReport('exam-sheet/[assignmentId]');
